using Microsoft.EntityFrameworkCore;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// A retry replaces an attempt whose worker went silent: claiming the new attempt fails the old one and clears its
/// claim, so when the old worker wakes up it stops (at its next report, or at completion) and the new attempt closes the
/// review, even when the old worker reported again before the new one cleared the leftovers. A leftover snapshot that
/// completes between being listed and being deleted is never deleted.
/// </summary>
public abstract class ReviewCloseSupersededTests(TestProvider provider) : ReviewCloseTest(provider)
{
    /// <summary>The latest attempt's worker reports, as a worker that woke up does.</summary>
    private async Task ReportOnAsync(Guid runId)
    {
        await using var db = Db.CreateContext();
        var now = Clock.GetUtcNow().UtcDateTime;
        await db.ReviewClosings.Where(c => c.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(c => c.HeartbeatAt, now), Ct);
    }

    /// <summary>An attempt interrupted on the command line after writing all its rows: failed, its snapshot incomplete.</summary>
    private async Task<Guid> InterruptedAttemptAsync()
    {
        var (reviewId, revision) = await RequestAsync();
        using var interrupt = new CancellationTokenSource();
        var closer = Closer(() =>
        {
            interrupt.Cancel();
            return Task.CompletedTask;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: true, interrupt.Token));
        await using var db = Db.CreateContext();
        return (await db.ReviewSnapshots.SingleAsync(s => !s.Complete, Ct)).Id;
    }

    [Fact]
    public async Task Close_RetriedWhileTheOldWorkerStillWrites_TheRetryClosesAndTheOldAttemptFails()
    {
        var (reviewId, revision) = await RequestAsync();
        ReviewCloseOutcome? retry = null;
        var old = Closer(async () =>
        {
            // The old worker (all its rows written) goes silent; the page's retry asks for a new attempt; the old worker
            // wakes and reports before the retry's worker gets to the leftovers.
            Clock.Advance(PastStale);
            await RequestAsync();
            await ReportOnAsync((await RunsAsync())[0].Id);
            retry = await Closer().TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);
        });

        var woke = await old.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.NotNull(retry?.Result);
        Assert.Null(woke.Result);
        Assert.Contains("a newer attempt replaced this one", woke.Reason, StringComparison.Ordinal);
        var runs = await RunsAsync();
        Assert.Equal([ReviewClosingStatus.Failed, ReviewClosingStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Contains("Replaced by a newer attempt", runs[0].Error, StringComparison.Ordinal);
        Assert.Null(runs[0].Claim);
        Assert.Null(runs[1].Error);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
        await using var db = Db.CreateContext();
        Assert.Equal(retry!.Result!.SnapshotId, (await db.ReviewSnapshots.SingleAsync(Ct)).Id);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.close.replaced", Ct));
    }

    [Fact]
    public async Task Close_ReplacedWhileFreezing_TheOldWorkerStopsAtItsNextReportAndWritesNothing()
    {
        await InterruptedAttemptAsync();
        var (reviewId, revision) = await RequestAsync();
        ReviewCloseResult? retry = null;
        var old = Closer(beforeDeletingLeftovers: async () =>
        {
            Clock.Advance(PastStale);
            await RequestAsync();
            retry = await Closer().CloseAsync(reviewId, revision, Ct);
        });

        var woke = await old.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.NotNull(retry);
        Assert.Null(woke.Result);
        Assert.Contains("a newer attempt replaced this one", woke.Reason, StringComparison.Ordinal);
        Assert.Equal([ReviewClosingStatus.Failed, ReviewClosingStatus.Failed, ReviewClosingStatus.Succeeded], (await RunsAsync()).Select(r => r.Status));
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
        await using var db = Db.CreateContext();
        Assert.Equal(retry.SnapshotId, (await db.ReviewSnapshots.SingleAsync(Ct)).Id);
        Assert.Equal(retry.Services, await db.ReviewSnapshotServices.CountAsync(Ct));
    }

    [Fact]
    public async Task Close_LeftoverCompletesBetweenListingAndDeleting_TheCompleteSnapshotIsKeptWithItsRows()
    {
        var leftover = await InterruptedAttemptAsync();
        var (reviewId, revision) = await RequestAsync();
        int rows;
        await using (var db = Db.CreateContext())
        {
            rows = await db.ReviewSnapshotServices.CountAsync(s => s.SnapshotId == leftover, Ct);
        }

        var closer = Closer(beforeDeletingLeftovers: async () =>
        {
            // The listed snapshot is marked complete meanwhile (as its own worker's completion would).
            await using var db = Db.CreateContext();
            await db.ReviewSnapshots.Where(s => s.Id == leftover).ExecuteUpdateAsync(u => u.SetProperty(s => s.Complete, true), Ct);
        });

        // Its own snapshot may not take the revision's place next to a complete one (the unique index): the attempt fails.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct));

        await using var after = Db.CreateContext();
        var kept = await after.ReviewSnapshots.SingleAsync(Ct);
        Assert.Equal((leftover, true), (kept.Id, kept.Complete));
        Assert.True(rows > 0);
        Assert.Equal(rows, await after.ReviewSnapshotServices.CountAsync(s => s.SnapshotId == leftover, Ct));
    }
}

public sealed class SqliteReviewCloseSupersededTests() : ReviewCloseSupersededTests(TestProvider.Sqlite);

public sealed class PostgresReviewCloseSupersededTests() : ReviewCloseSupersededTests(TestProvider.Postgres);
