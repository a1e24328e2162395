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
/// twice: a finished close does nothing, and an interrupted one starts again from scratch. A freeze that was overtaken
/// while it ran (its run is no longer the latest, running attempt, or the review changed: cancelled, recorded in and
/// asked to close again) does not become the record: its snapshot is deleted and its run fails, in the same transaction
/// that would have closed the review.
/// </summary>
public sealed class ReviewCloser(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, OpenDebtReader debt, TimeProvider clock,
    IOptions<ReviewCloseOptions>? options = null)
{
    /// <summary>Service rows written per save.</summary>
    public const int BatchSize = 500;

    /// <summary>Cores the close packs rows on (<see cref="ReviewCloseOptions"/>).</summary>
    internal int Parallelism { get; } = (options?.Value ?? new ReviewCloseOptions()).DegreeOfParallelism(Environment.ProcessorCount);

    /// <summary>Tests only: runs after the snapshot is written and before it is marked complete (to overtake a close).</summary>
    internal Func<Task>? BeforeCompleting { get; init; }

    /// <summary>
    /// Closes <paramref name="revision"/> of the review; null when there was nothing to do (already closed, cancelled or
    /// reopened) or when the freeze was overtaken before it could be marked complete (then its run failed, saying why).
    /// </summary>
    public async Task<ReviewCloseResult?> CloseAsync(Guid reviewId, int revision, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var runId = await StartAsync(reviewId, revision, ct);
        if (runId is null)
        {
            return null;
        }

        try
        {
            return await FreezeAsync(reviewId, revision, runId.Value, watch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var run = await db.ReviewClosings.FirstAsync(c => c.Id == runId, CancellationToken.None);
            run.Fail($"{ex.GetType().Name}: {ex.Message}", Now);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Starts the latest attempt of the revision. Attempts still queued that will never run are cancelled, saying why:
    /// all of them when the review is no longer closing at this revision (cancelled, closed by another attempt, reopened),
    /// otherwise the older ones a newer request replaced.
    /// </summary>
    private async Task<Guid?> StartAsync(Guid reviewId, int revision, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        var runs = await db.ReviewClosings.Where(c => c.ReviewId == reviewId && c.Revision == revision).OrderByDescending(c => c.RequestedAt).ToListAsync(ct);
        var closing = review is not null && review.Status == ReviewStatus.Closing && review.Revision == revision;
        var run = closing ? runs.FirstOrDefault() : null;
        var reason = closing
            ? "a newer request to close replaced it"
            : $"the review was no longer closing when the job ran (it was {(review is null ? "deleted" : review.Revision != revision ? $"at revision {review.Revision}" : review.Status.ToString().ToLowerInvariant())})";
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

        run?.Start(now);
        await db.SaveChangesAsync(ct);
        return run?.Id;
    }

    private async Task ReportAsync(Guid runId, string phase, int done, int total, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReviewClosings.FirstAsync(c => c.Id == runId, ct);
        run.Report(phase, done, total, Now);
        await db.SaveChangesAsync(ct);
    }

    private async Task<ReviewCloseResult?> FreezeAsync(Guid reviewId, int revision, Guid runId, Stopwatch watch, CancellationToken ct)
    {
        var phases = new List<KeyValuePair<string, TimeSpan>>();
        var lap = Stopwatch.StartNew();
        void Lap(string phase)
        {
            phases.Add(new(phase, lap.Elapsed));
            lap.Restart();
        }

        await ReportAsync(runId, "Bringing scorecards up to date", 0, 0, ct);
        await evaluation.EnsureFreshAsync(ct);
        Lap("scorecards brought up to date");
        var framework = await frameworks.CurrentAsync(ct);
        var analysis = (await graphs.CurrentAsync(ct)).Analysis;
        Lap("framework and graph analysis");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == reviewId, ct);

        // What the review was when the freeze began: completing checks it is still that (see CompleteAsync).
        var reviewVersion = review.Version;
        var requestedBy = await db.ReviewClosings.AsNoTracking().Where(c => c.Id == runId).Select(c => c.RequestedByName).FirstAsync(ct);

        // An attempt that stopped half-way left an incomplete snapshot; start again from nothing.
        var leftovers = await db.ReviewSnapshots.Where(s => s.ReviewId == reviewId && s.Revision == revision && !s.Complete).Select(s => s.Id).ToListAsync(ct);
        if (leftovers.Count > 0)
        {
            await db.ReviewSnapshotServices.Where(s => leftovers.Contains(s.SnapshotId)).ExecuteDeleteAsync(ct);
            await db.ReviewSnapshots.Where(s => leftovers.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }

        await ReportAsync(runId, "Reading open debt", 0, 0, ct);
        var scopeIds = review.IsOrganisation ? null : await ScopeIdsAsync(db, review, ct);
        var openDebt = await debt.AffectingAsync(scopeIds, ct, ensureFresh: true);
        Lap("open debt");

        var snapshotId = Guid.CreateVersion7();
        var now = Now;
        var reader = new SnapshotReader(framework, analysis, openDebt, now, Parallelism);
        var (rows, content, keys) = await reader.ReadAsync(db, review, snapshotId, requestedBy, details: true, (phase, done, total) => ReportAsync(runId, phase, done, total, ct), ct);
        Lap("services read and packed");

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ReviewSnapshots.Add(new ReviewSnapshot(snapshotId, reviewId, revision, review.Quarter, now, requestedBy, framework.Version, keys, rows.Count, SnapshotCodec.Pack(content)));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var written = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await ReportAsync(runId, "Freezing services", written, rows.Count, ct);

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

        if (!await CompleteAsync(new Completion(reviewId, revision, reviewVersion, snapshotId, runId, rows.Count, requestedBy), ct))
        {
            return null;
        }

        Lap("marked closed");
        return new ReviewCloseResult(snapshotId, review.Quarter, revision, rows.Count, watch.Elapsed, phases);
    }

    /// <summary>What a finished freeze asks to become: the review's record of the revision.</summary>
    private sealed record Completion(Guid ReviewId, int Revision, int ReviewVersion, Guid SnapshotId, Guid RunId, int Services, string ClosedBy);

    /// <summary>
    /// In one transaction: marks the snapshot complete, the review closed and the run succeeded, if this freeze is still
    /// the one the review waits for; otherwise deletes the snapshot and fails the run. False when it was overtaken.
    /// </summary>
    private async Task<bool> CompleteAsync(Completion c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var completed = false;
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
                await db.ReviewSnapshotServices.Where(s => s.SnapshotId == c.SnapshotId).ExecuteDeleteAsync(token);
                await db.ReviewSnapshots.Where(s => s.Id == c.SnapshotId).ExecuteDeleteAsync(token);
                run.Fail($"Overtaken before it could close the review: {overtaken}. Its snapshot was deleted; nothing was frozen by this attempt.", now);
                AuditLog.Record(db, Actor.System, "reviews.close.overtaken", "review", review.Quarter, new { Status = review.Status.ToString(), c.Revision, Run = c.RunId },
                    new { Status = review.Status.ToString(), c.Revision, Run = c.RunId, reason = overtaken });
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                completed = false;
                return;
            }

            snapshot!.MarkComplete();
            review.CompleteClosing(c.ClosedBy, now);
            run.Succeed(now);
            AuditLog.Record(db, Actor.System, "reviews.close.complete", "review", review.Quarter, new { Status = nameof(ReviewStatus.Closing), c.Revision },
                new { Status = nameof(ReviewStatus.Closed), c.Revision, Snapshot = c.SnapshotId, c.Services, c.ClosedBy });
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            completed = true;
        }, ct);
        return completed;
    }

    /// <summary>Why a finished freeze may no longer become the record, or null when it may.</summary>
    private static string? Overtaken(Completion c, bool snapshotExists, Review review, ReviewClosing run, Guid latestRunId) =>
        run.Status != ReviewClosingStatus.Running ? $"its run is {run.Status.ToString().ToLowerInvariant()}, not running"
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
