using Microsoft.EntityFrameworkCore;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Exactly one worker runs an attempt to close: a second worker on the same attempt (the job runner coming back while
/// <c>reviews close</c> runs it) does nothing and says another worker has it, and the first one closes the review; a
/// worker that stopped reporting is taken over, and when it wakes up it leaves the attempt alone. The claim is one
/// conditional update: an attempt that succeeded, or whose worker reported, after another worker read it as stale is
/// not taken over. The overtaken check's branches each on their own: the review changed, the snapshot removed, the
/// attempt finished elsewhere. Superseded attempts and leftovers: <see cref="ReviewCloseSupersededTests"/>.
/// </summary>
public abstract class ReviewCloseClaimTests(TestProvider provider) : ReviewCloseTest(provider)
{
    [Fact]
    public async Task Close_JobRunnerComesBackWhileTheCommandLineRunsTheAttempt_OneClosesTheOtherDoesNothing()
    {
        // The job's attempt goes stale (the job runner is down); the operator closes from the command line.
        var (reviewId, revision) = await RequestAsync();
        Clock.Advance(PastStale);
        await RequestAsync();
        ReviewCloseOutcome? job = null;
        var cli = Closer(async () => job = await Closer().TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct));

        var closed = await cli.TryCloseAsync(reviewId, revision, failWhenInterrupted: true, Ct);

        Assert.NotNull(closed.Result);
        Assert.NotNull(job);
        Assert.Null(job.Result);
        Assert.Contains("another worker is running this attempt", job.Reason, StringComparison.Ordinal);
        var runs = await RunsAsync();
        Assert.Equal([ReviewClosingStatus.Cancelled, ReviewClosingStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Null(runs[1].Error);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());

        // The job's retry after the close finished: nothing to do, and the attempt that closed the review stays succeeded.
        var late = await Closer().TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.Null(late.Result);
        Assert.Contains("nothing to close", late.Reason, StringComparison.Ordinal);
        Assert.Equal(ReviewClosingStatus.Succeeded, (await RunsAsync())[1].Status);
    }

    [Fact]
    public async Task Close_WorkerSilentPastTheStaleWindow_TakenOverAndLeavesTheAttemptAlone()
    {
        var (reviewId, revision) = await RequestAsync();
        ReviewCloseResult? takeover = null;
        var silent = Closer(async () =>
        {
            Clock.Advance(PastStale);
            takeover = await Closer().CloseAsync(reviewId, revision, Ct);
        });

        var woke = await silent.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.NotNull(takeover);
        Assert.Null(woke.Result);
        Assert.Contains("another worker took over this attempt", woke.Reason, StringComparison.Ordinal);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(ReviewClosingStatus.Succeeded, run.Status);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
        await using var db = Db.CreateContext();
        Assert.Equal(takeover.SnapshotId, (await db.ReviewSnapshots.SingleAsync(Ct)).Id);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.close.overtaken", Ct));
    }

    [Fact]
    public async Task Claim_AttemptSucceededBetweenTheStaleReadAndTheClaim_NotTakenOverAndStaysSucceeded()
    {
        // A falls silent right before completing; B (a retry) reads its attempt as stale; A completes; then B claims.
        var (reviewId, revision) = await RequestAsync();
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = Closer(beforeClaiming: async () =>
        {
            read.SetResult();
            await claimNow.Task;
        });
        Task<ReviewCloseOutcome>? retry = null;
        var silent = Closer(async () =>
        {
            Clock.Advance(PastStale);
            retry = late.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);
            await read.Task;
        });

        var closed = await silent.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);
        claimNow.SetResult();
        var retried = await retry!;

        Assert.NotNull(closed.Result);
        Assert.Null(retried.Result);
        Assert.Contains("another worker started or finished this attempt first", retried.Reason, StringComparison.Ordinal);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal((ReviewClosingStatus.Succeeded, (string?)null), (run.Status, run.Error));
        Assert.NotNull(run.FinishedAt);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
    }

    [Fact]
    public async Task Claim_WorkerReportedBetweenTheStaleReadAndTheClaim_NotTakenOver()
    {
        var (reviewId, revision) = await RequestAsync();
        ReviewCloseOutcome? retried = null;
        var slow = Closer(async () =>
        {
            Clock.Advance(PastStale);
            retried = await Closer(beforeClaiming: async () =>
            {
                // The slow worker's progress report lands after the retry read its attempt as stale.
                await using var db = Db.CreateContext();
                var now = Clock.GetUtcNow().UtcDateTime;
                await db.ReviewClosings.ExecuteUpdateAsync(u => u.SetProperty(c => c.HeartbeatAt, now), Ct);
            }).TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);
        });

        var closed = await slow.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.NotNull(retried);
        Assert.Null(retried.Result);
        Assert.NotNull(closed.Result);
        Assert.Equal(ReviewClosingStatus.Succeeded, Assert.Single(await RunsAsync()).Status);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
    }

    [Fact]
    public async Task Start_TwoWorkersSaveAClaimReadBeforeEither_OnlyTheFirstSaves()
    {
        await RequestAsync();
        await using var first = Db.CreateContext();
        await using var second = Db.CreateContext();
        var one = await first.ReviewClosings.SingleAsync(Ct);
        var two = await second.ReviewClosings.SingleAsync(Ct);
        var now = Clock.GetUtcNow().UtcDateTime;
        one.Start(Guid.CreateVersion7(), now);
        two.Start(Guid.CreateVersion7(), now);

        await first.SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        Assert.Equal(one.Claim, (await RunsAsync()).Single().Claim);
    }

    [Fact]
    public async Task Close_ReviewVersionChangedAloneWhileFreezing_OvertakenAndItsRunFails()
    {
        var (reviewId, revision) = await RequestAsync();
        var closer = Closer(async () =>
        {
            await using var db = Db.CreateContext();
            await db.Reviews.ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), Ct);
        });

        var outcome = await closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.Null(outcome.Result);
        Assert.Contains("the review changed while it was being frozen", outcome.Reason, StringComparison.Ordinal);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(ReviewClosingStatus.Failed, run.Status);
        Assert.Contains("the review changed while it was being frozen", run.Error, StringComparison.Ordinal);
        Assert.Equal((ReviewStatus.Closing, 0, 0), await StateAsync());
    }

    [Fact]
    public async Task Close_SnapshotRemovedWhileFreezing_OvertakenAndItsRunFails()
    {
        var (reviewId, revision) = await RequestAsync();
        var closer = Closer(async () =>
        {
            await using var db = Db.CreateContext();
            await db.ReviewSnapshotServices.ExecuteDeleteAsync(Ct);
            await db.ReviewSnapshots.ExecuteDeleteAsync(Ct);
        });

        var outcome = await closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.Null(outcome.Result);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(ReviewClosingStatus.Failed, run.Status);
        Assert.Contains("its snapshot was removed by a newer attempt", run.Error, StringComparison.Ordinal);
        Assert.Equal((ReviewStatus.Closing, 0, 0), await StateAsync());
    }

    [Fact]
    public async Task Close_AttemptFinishedElsewhereWhileFreezing_LeftAsItIsNotFailed()
    {
        // An older instance (which knows no claims) marks the attempt succeeded meanwhile: the record of that is kept.
        var (reviewId, revision) = await RequestAsync();
        var closer = Closer(async () =>
        {
            await using var db = Db.CreateContext();
            await db.ReviewClosings.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReviewClosingStatus.Succeeded), Ct);
        });

        var outcome = await closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, Ct);

        Assert.Null(outcome.Result);
        Assert.Contains("its attempt is succeeded, not running", outcome.Reason, StringComparison.Ordinal);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal((ReviewClosingStatus.Succeeded, (string?)null), (run.Status, run.Error));
        Assert.Equal(0, (await StateAsync()).Snapshots);
    }

    [Fact]
    public async Task Close_JobRunnerStopsMidFreeze_AttemptGoesBackToTheQueueAndTheNextWorkerCloses()
    {
        var (reviewId, revision) = await RequestAsync();
        using var stopping = new CancellationTokenSource();
        var closer = Closer(() =>
        {
            stopping.Cancel();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, stopping.Token));

        var run = Assert.Single(await RunsAsync());
        Assert.Equal((ReviewClosingStatus.Queued, (Guid?)null), (run.Status, run.Claim));
        Assert.Equal((ReviewStatus.Closing, 1, 0), await StateAsync());

        var next = await Closer().CloseAsync(reviewId, revision, Ct);

        Assert.NotNull(next);
        Assert.Equal(ReviewClosingStatus.Succeeded, Assert.Single(await RunsAsync()).Status);
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
    }

    [Fact]
    public async Task Close_CommandLineInterruptedMidFreeze_AttemptFailsInterruptedAndARetryCloses()
    {
        var (reviewId, revision) = await RequestAsync();
        using var interrupt = new CancellationTokenSource();
        var closer = Closer(() =>
        {
            interrupt.Cancel();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: true, interrupt.Token));

        var run = Assert.Single(await RunsAsync());
        Assert.Equal((ReviewClosingStatus.Failed, "interrupted"), (run.Status, run.Error));
        Assert.NotNull(run.FinishedAt);

        // The page's retry asks for a new attempt; its worker deletes the interrupted one's partial snapshot.
        var (_, again) = await RequestAsync();
        Assert.NotNull(await Closer().CloseAsync(reviewId, again, Ct));
        Assert.Equal((ReviewStatus.Closed, 1, 1), await StateAsync());
    }
}

public sealed class SqliteReviewCloseClaimTests() : ReviewCloseClaimTests(TestProvider.Sqlite);

public sealed class PostgresReviewCloseClaimTests() : ReviewCloseClaimTests(TestProvider.Postgres);
