using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
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
/// </summary>
public sealed class ReviewCloser(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, OpenDebtReader debt, TimeProvider clock)
{
    /// <summary>Service rows written per save.</summary>
    public const int BatchSize = 500;

    /// <summary>Closes <paramref name="revision"/> of the review; null when there was nothing to do (already closed, cancelled or reopened).</summary>
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

    private async Task<Guid?> StartAsync(Guid reviewId, int revision, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null || review.Status != ReviewStatus.Closing || review.Revision != revision)
        {
            return null;
        }

        var run = await db.ReviewClosings.Where(c => c.ReviewId == reviewId && c.Revision == revision).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        run.Start(Now);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private async Task ReportAsync(Guid runId, string phase, int done, int total, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReviewClosings.FirstAsync(c => c.Id == runId, ct);
        run.Report(phase, done, total, Now);
        await db.SaveChangesAsync(ct);
    }

    private async Task<ReviewCloseResult> FreezeAsync(Guid reviewId, int revision, Guid runId, Stopwatch watch, CancellationToken ct)
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
        var reader = new SnapshotReader(framework, analysis, openDebt, now);
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
        await CompleteAsync(reviewId, revision, snapshotId, runId, rows.Count, requestedBy, ct);
        Lap("marked closed");
        return new ReviewCloseResult(snapshotId, review.Quarter, revision, rows.Count, watch.Elapsed, phases);
    }

    private async Task CompleteAsync(Guid reviewId, int revision, Guid snapshotId, Guid runId, int services, string closedBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var snapshot = await db.ReviewSnapshots.FirstAsync(s => s.Id == snapshotId, token);
            var review = await db.Reviews.FirstAsync(r => r.Id == reviewId, token);
            var run = await db.ReviewClosings.FirstAsync(c => c.Id == runId, token);
            var now = Now;
            snapshot.MarkComplete();
            review.CompleteClosing(closedBy, now);
            run.Succeed(now);
            AuditLog.Record(db, Actor.System, "reviews.close.complete", "review", review.Quarter, new { Status = nameof(ReviewStatus.Closing), revision },
                new { Status = nameof(ReviewStatus.Closed), revision, Snapshot = snapshotId, services, closedBy });
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, ct);
    }

    private static async Task<List<Guid>> ScopeIdsAsync(PortalDbContext db, Review review, CancellationToken ct)
    {
        var teams = await Queries.ReviewData.TeamsAsync(db, ct);
        return [.. (await Queries.ReviewData.ServicesAsync(db, review.ScopeTeamIds, teams, null, ct)).Select(s => s.Id)];
    }
}
