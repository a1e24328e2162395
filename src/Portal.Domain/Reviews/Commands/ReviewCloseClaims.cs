using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Which worker runs an attempt to close a review (<see cref="ReviewCloser"/>): claiming the latest attempt, reporting
/// on it while holding it, ending it, and deleting a worker's own (or a stopped attempt's) incomplete snapshot.
/// <para>
/// A claim is one conditional update of the attempt's row: it matches only while the row still has the claim the
/// worker read <em>and</em> a status that may be claimed (queued, failed, or running but silent past
/// <see cref="ReviewClosing.StaleAfter"/>), so an attempt that succeeded, or whose worker reported, after the read is
/// never taken over. Claiming the latest attempt also ends the older attempts of the revision that are still running
/// (a retry replaced them): their claim is cleared and they fail, so their workers stop at their next report instead of
/// racing the newer attempt.
/// </para>
/// </summary>
internal sealed class ReviewCloseClaims(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>One worker's hold on an attempt: the run it claimed and its claim (also its snapshot's id).</summary>
    internal sealed record Attempt(Guid ReviewId, int Revision, Guid RunId, Guid Claim);

    /// <summary>Another worker holds the attempt now, or a newer attempt replaced it: this one stops and leaves it alone.</summary>
    internal sealed class ClaimLostException(string message) : Exception(message);

    internal const string TakenOver = "another worker took over this attempt after it stopped reporting; this worker stopped and deleted its own partial snapshot";

    internal const string Replaced = "a newer attempt replaced this one while it ran; this worker stopped and deleted its own partial snapshot";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Why a worker no longer holds <paramref name="run"/>: a newer attempt ended it, or another worker took it over.</summary>
    internal static string LostBecause(ReviewClosing run) =>
        run.Claim is null && run.Status == ReviewClosingStatus.Failed ? Replaced : TakenOver;

    /// <summary>
    /// Claims the latest attempt of the revision; null, saying why, when there is none to run or another worker holds
    /// it. Attempts still queued that will never run are cancelled, saying why: all of them when the review is no longer
    /// closing at this revision (cancelled, closed by another attempt, reopened), otherwise the older ones a newer
    /// request replaced. Older attempts still running are failed with the claim (see the class).
    /// <paramref name="beforeClaiming"/> (tests) runs between reading the attempts and claiming one.
    /// </summary>
    public async Task<(Attempt? Attempt, string Reason)> StartAsync(Guid reviewId, int revision, Func<Task>? beforeClaiming, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        var runs = await db.ReviewClosings.Where(c => c.ReviewId == reviewId && c.Revision == revision).OrderByDescending(c => c.RequestedAt).ToListAsync(ct);
        var closing = review is not null && review.Status == ReviewStatus.Closing && review.Revision == revision;
        var run = closing ? runs.FirstOrDefault() : null;
        var notClosing = $"the review was no longer closing when the job ran (it was {(review is null ? "deleted" : review.Revision != revision ? $"at revision {review.Revision}" : review.Status.ToString().ToLowerInvariant())})";
        var reason = closing ? "a newer request to close replaced it" : notClosing;
        var now = Now;
        foreach (var never in runs.Where(r => r != run && r.Status == ReviewClosingStatus.Queued))
        {
            never.Cancel(reason, now);
            if (review is not null)
            {
                AuditLog.Record(db, Actor.System, "reviews.close.cancelled", "review", review.Quarter, new { Status = nameof(ReviewClosingStatus.Queued), revision, Run = never.Id },
                    new { Status = nameof(ReviewClosingStatus.Cancelled), revision, Run = never.Id, reason });
            }
        }

        string? refused = run is null ? $"nothing to close: {(closing ? "no attempt was asked for" : notClosing)}"
            : run.IsClaimableAt(now) ? null
            : run.Status == ReviewClosingStatus.Running ? AnotherWorker(run)
            : $"its latest attempt is {run.Status.ToString().ToLowerInvariant()}";
        if (refused is not null)
        {
            await db.SaveChangesAsync(ct);
            return (null, refused);
        }

        if (beforeClaiming is not null)
        {
            await beforeClaiming();
        }

        var claim = Guid.CreateVersion7();
        var older = runs.Where(r => r != run && r.Status == ReviewClosingStatus.Running).ToList();
        bool claimed;
        try
        {
            claimed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                if (await ClaimAsync(db, run!, claim, now, token) != 1)
                {
                    return false;
                }

                foreach (var old in older)
                {
                    if (await ReplaceAsync(db, old, run!, now, token) == 1)
                    {
                        AuditLog.Record(db, Actor.System, "reviews.close.replaced", "review", review!.Quarter, new { Status = nameof(ReviewClosingStatus.Running), revision, Run = old.Id },
                            new { Status = nameof(ReviewClosingStatus.Failed), revision, Run = old.Id, By = run!.Id });
                    }
                }

                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return true;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            claimed = false;
        }

        // Another worker claimed it between our read and our claim, it finished, or its worker reported after all.
        return claimed
            ? (new Attempt(reviewId, revision, run!.Id, claim), "")
            : (null, "another worker started or finished this attempt first, or its worker reported again; nothing was done here");
    }

    /// <summary>
    /// The claim, as one conditional update: only while the row has the claim read and may still be claimed (the
    /// database's view of <see cref="ReviewClosing.IsClaimableAt"/>); the same changes as <see cref="ReviewClosing.Start"/>.
    /// </summary>
    private static Task<int> ClaimAsync(PortalDbContext db, ReviewClosing run, Guid claim, DateTime now, CancellationToken ct)
    {
        var read = run.Claim;
        var staleBefore = now - ReviewClosing.StaleAfter;
        return db.ReviewClosings
            .Where(c => c.Id == run.Id && c.Claim == read
                && (c.Status == ReviewClosingStatus.Queued || c.Status == ReviewClosingStatus.Failed
                    || (c.Status == ReviewClosingStatus.Running && c.HeartbeatAt < staleBefore)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Claim, (Guid?)claim)
                .SetProperty(c => c.Status, ReviewClosingStatus.Running)
                .SetProperty(c => c.StartedAt, c => c.StartedAt ?? (DateTime?)now)
                .SetProperty(c => c.FinishedAt, (DateTime?)null)
                .SetProperty(c => c.Error, (string?)null)
                .SetProperty(c => c.Phase, ReviewClosing.StartingPhase)
                .SetProperty(c => c.Done, 0)
                .SetProperty(c => c.Total, 0)
                .SetProperty(c => c.HeartbeatAt, now), ct);
    }

    /// <summary>Fails an older attempt still running, clearing its claim, if it is still running with the claim read.</summary>
    private static Task<int> ReplaceAsync(PortalDbContext db, ReviewClosing old, ReviewClosing latest, DateTime now, CancellationToken ct)
    {
        var read = old.Claim;
        var error = string.Create(CultureInfo.InvariantCulture, $"Replaced by a newer attempt (requested {latest.RequestedAt:yyyy-MM-dd HH:mm:ss} UTC by {latest.RequestedByName}); its worker stops at its next report.");
        return db.ReviewClosings
            .Where(c => c.Id == old.Id && c.Claim == read && c.Status == ReviewClosingStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Claim, (Guid?)null)
                .SetProperty(c => c.Status, ReviewClosingStatus.Failed)
                .SetProperty(c => c.Error, error)
                .SetProperty(c => c.FinishedAt, (DateTime?)now)
                .SetProperty(c => c.HeartbeatAt, now), ct);
    }

    private static string AnotherWorker(ReviewClosing run) => string.Create(CultureInfo.InvariantCulture,
        $"another worker is running this attempt (started {run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, last report {run.HeartbeatAt:yyyy-MM-dd HH:mm:ss} UTC); nothing was done here");

    /// <summary>Reports progress on the attempt, if this worker still holds it (otherwise stops the freeze).</summary>
    public async Task ReportAsync(Attempt attempt, string phase, int done, int total, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReviewClosings.FirstAsync(c => c.Id == attempt.RunId, ct);
        if (run.Claim != attempt.Claim)
        {
            throw new ClaimLostException(LostBecause(run));
        }

        run.Report(phase, done, total, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(run).ReloadAsync(CancellationToken.None);
            throw new ClaimLostException(LostBecause(run));
        }
    }

    /// <summary>Ends the attempt (fails or releases it), only if this worker still holds it and it is still running.</summary>
    public async Task EndOwnAsync(Attempt attempt, Action<ReviewClosing> end)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var run = await db.ReviewClosings.FirstOrDefaultAsync(c => c.Id == attempt.RunId, CancellationToken.None);
        if (run is null || run.Claim != attempt.Claim || run.Status != ReviewClosingStatus.Running)
        {
            return;
        }

        end(run);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken over or replaced in between: the attempt is the other worker's to end.
        }
    }

    /// <summary>Deletes this worker's own snapshot, if it wrote one and it is incomplete.</summary>
    public async Task DeleteSnapshotAsync(Guid snapshotId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await DeleteIncompleteAsync(db, [snapshotId], CancellationToken.None);
    }

    /// <summary>
    /// Deletes those of <paramref name="snapshotIds"/> that are still incomplete, with their service rows, in one
    /// statement: the header is deleted only while incomplete, and its rows go with it (the foreign key cascades), so a
    /// snapshot that completes meanwhile keeps every row. A complete snapshot is never deleted.
    /// </summary>
    public static Task<int> DeleteIncompleteAsync(PortalDbContext db, IReadOnlyCollection<Guid> snapshotIds, CancellationToken ct) =>
        db.ReviewSnapshots.Where(s => snapshotIds.Contains(s.Id) && !s.Complete).ExecuteDeleteAsync(ct);
}
