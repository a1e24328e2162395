using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Auditing;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Closes a review revision: brings scorecards up to date, reads everything in one consistent view, writes the
/// snapshot's service rows in batches (reporting progress on the <see cref="ReviewClosing"/> row, which any instance
/// can show), and only then marks the snapshot complete and the review closed, in one transaction. Safe to run
/// twice: a finished close does nothing, and an interrupted one starts again from scratch.
/// <para>
/// Exactly one worker runs an attempt: a worker starts the latest attempt only if it can claim it (queued, failed, or
/// running but silent past <see cref="ReviewClosing.StaleAfter"/>), with one conditional update that sets a new
/// <see cref="ReviewClosing.Claim"/> only while the row still has the claim it read and such a status
/// (<see cref="ReviewCloseClaims"/>); a second worker on the same attempt (the job runner and <c>reviews close</c>)
/// loses that update and does nothing, and a finished attempt is never taken over. Claiming also ends older attempts
/// still running, so their workers stop. Only the claim's holder reports, completes or fails the attempt, and its
/// snapshot carries the claim as its id, so no worker deletes the snapshot of a newer attempt that is still alive, and
/// no complete snapshot is ever deleted. A freeze that was overtaken
/// while it ran (its attempt is no longer the latest, or the review changed: cancelled, recorded in and asked to close
/// again) does not become the record: its snapshot is deleted and its attempt fails, in the same transaction that would
/// have closed the review.
/// </para>
/// </summary>
public sealed class ReviewCloser(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, OpenDebtReader debt, TimeProvider clock,
    IOptions<ReviewCloseOptions>? options = null)
{
    /// <summary>Service rows written per save.</summary>
    public const int BatchSize = 500;

    /// <summary>Cores the close packs rows on (<see cref="ReviewCloseOptions"/>).</summary>
    internal int Parallelism { get; } = (options?.Value ?? new ReviewCloseOptions()).DegreeOfParallelism(Environment.ProcessorCount);

    private readonly ReviewCloseClaims _claims = new(dbFactory, clock);

    /// <summary>Tests only: runs after the snapshot is written and before it is marked complete (to overtake a close).</summary>
    internal Func<Task>? BeforeCompleting { get; init; }

    /// <summary>Tests only: runs after the attempts were read and before the latest one is claimed.</summary>
    internal Func<Task>? BeforeClaiming { get; init; }

    /// <summary>Tests only: runs after the leftover snapshots were listed and before they are deleted.</summary>
    internal Func<Task>? BeforeDeletingLeftovers { get; init; }

    /// <summary>
    /// Closes <paramref name="revision"/> of the review; null when this worker closed nothing (see
    /// <see cref="TryCloseAsync"/> for why).
    /// </summary>
    public async Task<ReviewCloseResult?> CloseAsync(Guid reviewId, int revision, CancellationToken ct = default) =>
        (await TryCloseAsync(reviewId, revision, failWhenInterrupted: false, ct)).Result;

    /// <summary>
    /// Closes <paramref name="revision"/> of the review, or says why this worker closed nothing: there was nothing to do
    /// (already closed, cancelled or reopened), another worker is running the attempt, or the freeze was overtaken before
    /// it could be marked complete (then its attempt failed, saying why). Interrupted (<paramref name="ct"/>), the
    /// attempt is given back to the queue for the next worker (the job runner stopping), or fails, "interrupted", when
    /// <paramref name="failWhenInterrupted"/> (the command line: nobody will pick it up).
    /// </summary>
    public async Task<ReviewCloseOutcome> TryCloseAsync(Guid reviewId, int revision, bool failWhenInterrupted, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var (attempt, reason) = await _claims.StartAsync(reviewId, revision, BeforeClaiming, ct);
        if (attempt is null)
        {
            return ReviewCloseOutcome.NotClosed(reason);
        }

        try
        {
            return await FreezeAsync(attempt, watch, ct);
        }
        catch (ReviewCloseClaims.ClaimLostException lost)
        {
            await _claims.DeleteSnapshotAsync(attempt.Claim);
            return ReviewCloseOutcome.NotClosed(lost.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await _claims.EndOwnAsync(attempt, run =>
            {
                if (failWhenInterrupted)
                {
                    run.Fail("interrupted", Now);
                }
                else
                {
                    run.Release(Now);
                }
            });
            throw;
        }
        catch (Exception ex)
        {
            await _claims.EndOwnAsync(attempt, run => run.Fail($"{ex.GetType().Name}: {ex.Message}", Now));
            throw;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<ReviewCloseOutcome> FreezeAsync(ReviewCloseClaims.Attempt attempt, Stopwatch watch, CancellationToken ct)
    {
        var (reviewId, revision, runId, claim) = attempt;
        var phases = new List<KeyValuePair<string, TimeSpan>>();
        var lap = Stopwatch.StartNew();
        void Lap(string phase)
        {
            phases.Add(new(phase, lap.Elapsed));
            lap.Restart();
        }

        await _claims.ReportAsync(attempt, "Bringing scorecards up to date", 0, 0, ct);
        await evaluation.EnsureFreshAsync(Parallelism, ct);
        Lap("scorecards brought up to date");
        var framework = await frameworks.CurrentAsync(ct);
        var analysis = (await graphs.CurrentAsync(ct)).Analysis;
        Lap("framework and graph analysis");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == reviewId, ct);

        // What the review was when the freeze began: completing checks it is still that (see CompleteAsync).
        var reviewVersion = review.Version;
        var requestedBy = await db.ReviewClosings.AsNoTracking().Where(c => c.Id == runId).Select(c => c.RequestedByName).FirstAsync(ct);

        // An attempt that stopped half-way left an incomplete snapshot; start again from nothing. A snapshot's id is the
        // claim of the attempt writing it. Older attempts were ended when this one was claimed, so a snapshot whose
        // attempt is still running with a live worker is a newer attempt's: it is left alone (this one is overtaken at
        // completion). Only incomplete snapshots are deleted, checked again in the delete itself.
        var liveSince = Now - ReviewClosing.StaleAfter;
        var live = db.ReviewClosings.Where(c => c.ReviewId == reviewId && c.Status == ReviewClosingStatus.Running && c.HeartbeatAt >= liveSince && c.Claim != null && c.Claim != claim)
            .Select(c => c.Claim!.Value);
        var leftovers = await db.ReviewSnapshots.Where(s => s.ReviewId == reviewId && s.Revision == revision && !s.Complete && !live.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (leftovers.Count > 0)
        {
            if (BeforeDeletingLeftovers is { } pause)
            {
                await pause();
            }

            await ReviewCloseClaims.DeleteIncompleteAsync(db, leftovers, ct);
        }

        await _claims.ReportAsync(attempt, "Reading open debt", 0, 0, ct);
        var scopeIds = review.IsOrganisation ? null : await ScopeIdsAsync(db, review, ct);
        var openDebt = await debt.AffectingAsync(scopeIds, ct, ensureFresh: true);
        Lap("open debt");

        var snapshotId = claim;
        var now = Now;
        var reader = new SnapshotReader(framework, analysis, openDebt, now, Parallelism);
        var (rows, content, keys) = await reader.ReadAsync(db, review, snapshotId, requestedBy, details: true, (phase, done, total) => _claims.ReportAsync(attempt, phase, done, total, ct), ct);
        Lap("services read and packed");

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ReviewSnapshots.Add(new ReviewSnapshot(snapshotId, reviewId, revision, review.Quarter, now, requestedBy, framework.Version, keys, rows.Count, SnapshotCodec.Pack(content)));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var written = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await _claims.ReportAsync(attempt, "Freezing services", written, rows.Count, ct);

            // Multi-row INSERTs (a save costs about 100 µs a row); each batch commits on its own, and a retry rewrites only it.
            await strategy.ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                await db.InsertAsync(batch, token);
                await transaction.CommitAsync(token);
            }, ct);
            written += batch.Length;
        }

        Lap("snapshot written");
        if (BeforeCompleting is { } hook)
        {
            await hook();
        }

        var notClosed = await CompleteAsync(new Completion(reviewId, revision, reviewVersion, snapshotId, runId, claim, rows.Count, requestedBy), ct);
        if (notClosed is not null)
        {
            return ReviewCloseOutcome.NotClosed(notClosed);
        }

        Lap("marked closed");
        return ReviewCloseOutcome.Closed(new ReviewCloseResult(snapshotId, review.Quarter, revision, rows.Count, watch.Elapsed, phases));
    }

    /// <summary>What a finished freeze asks to become: the review's record of the revision.</summary>
    private sealed record Completion(Guid ReviewId, int Revision, int ReviewVersion, Guid SnapshotId, Guid RunId, Guid Claim, int Services, string ClosedBy);

    /// <summary>
    /// In one transaction: marks the snapshot complete, the review closed and the attempt succeeded, if this freeze is
    /// still the one the review waits for; otherwise deletes the snapshot and fails the attempt (only if this worker
    /// still holds it and it is still running: another worker's attempt, or a finished one, is left as it is). Null
    /// when the review closed; otherwise why not.
    /// </summary>
    private async Task<string?> CompleteAsync(Completion c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? notClosed = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var snapshot = await db.ReviewSnapshots.FirstOrDefaultAsync(s => s.Id == c.SnapshotId, token);
            var review = await db.Reviews.FirstAsync(r => r.Id == c.ReviewId, token);
            var run = await db.ReviewClosings.FirstAsync(r => r.Id == c.RunId, token);
            var latest = await db.ReviewClosings.Where(r => r.ReviewId == c.ReviewId && r.Revision == c.Revision).OrderByDescending(r => r.RequestedAt).Select(r => r.Id).FirstAsync(token);
            var now = Now;
            var overtaken = Overtaken(c, snapshot is not null, review, run, latest);
            if (overtaken is not null)
            {
                await db.ReviewSnapshotServices.Where(s => s.SnapshotId == c.SnapshotId && db.ReviewSnapshots.Any(x => x.Id == s.SnapshotId && !x.Complete)).ExecuteDeleteAsync(token);
                await db.ReviewSnapshots.Where(s => s.Id == c.SnapshotId && !s.Complete).ExecuteDeleteAsync(token);
                var ours = run.Claim == c.Claim && run.Status == ReviewClosingStatus.Running;
                if (ours)
                {
                    run.Fail($"Overtaken before it could close the review: {overtaken}. Its snapshot was deleted; nothing was frozen by this attempt.", now);
                    AuditLog.Record(db, Actor.System, "reviews.close.overtaken", "review", review.Quarter, new { Status = review.Status.ToString(), c.Revision, Run = c.RunId },
                        new { Status = review.Status.ToString(), c.Revision, Run = c.RunId, reason = overtaken });
                }

                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                notClosed = ours ? $"overtaken before it could close the review: {overtaken}; its snapshot was deleted" : overtaken;
                return;
            }

            snapshot!.MarkComplete();
            review.CompleteClosing(c.ClosedBy, now);
            run.Succeed(now);
            AuditLog.Record(db, Actor.System, "reviews.close.complete", "review", review.Quarter, new { Status = nameof(ReviewStatus.Closing), c.Revision },
                new { Status = nameof(ReviewStatus.Closed), c.Revision, Snapshot = c.SnapshotId, c.Services, c.ClosedBy });
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            notClosed = null;
        }, ct);
        return notClosed;
    }

    /// <summary>Why a finished freeze may no longer become the record, or null when it may.</summary>
    private static string? Overtaken(Completion c, bool snapshotExists, Review review, ReviewClosing run, Guid latestRunId) =>
        run.Claim != c.Claim ? ReviewCloseClaims.LostBecause(run)
        : run.Status != ReviewClosingStatus.Running ? $"its attempt is {run.Status.ToString().ToLowerInvariant()}, not running; it was left as it is"
        : latestRunId != c.RunId ? "a newer close of this revision was requested"
        : review.Status != ReviewStatus.Closing ? $"the review is {review.Status.ToString().ToLowerInvariant()}, not closing"
        : review.Revision != c.Revision ? $"the review is at revision {review.Revision} now"
        : review.Version != c.ReviewVersion ? "the review changed while it was being frozen"
        : !snapshotExists ? "its snapshot was removed by a newer attempt"
        : null;

    private static async Task<List<Guid>> ScopeIdsAsync(PortalDbContext db, Review review, CancellationToken ct)
    {
        var teams = await Queries.ReviewData.TeamsAsync(db, ct);
        return [.. (await Queries.ReviewData.ServicesAsync(db, review.ScopeTeamIds, teams, null, ct)).Select(s => s.Id)];
    }
}
