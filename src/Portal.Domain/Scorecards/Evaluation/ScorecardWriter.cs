using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Reads the stored fingerprints a pass compares with, and writes the scorecards that changed set-based: the stored
/// rows of changed services are deleted and every changed scorecard inserted in bulk (a binary copy on PostgreSQL)
/// (<see cref="BulkInsert"/>), in the caller's transaction. Tracking 10,000 rows and saving them one statement each
/// took most of a full pass; this takes a few statements per thousand rows.
/// </summary>
internal static class ScorecardWriter
{
    private const int Chunk = 1_000;

    /// <summary>
    /// One attempt at writing a pass in one transaction: today's level history, the state (after a full pass), the
    /// changed scorecards. Starts from an empty change tracker, so the execution strategy can run it again whole.
    /// </summary>
    public static async Task WriteAsync(
        PortalDbContext db, List<(Guid Id, ServiceScorecard Card)> changed, List<ServiceScorecardRecord> records, List<Guid> replaced,
        ScorecardState? fresh, DateOnly today, EvaluationTimings timings, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var history = await LevelHistoryWriter.RecordAsync(db, changed, today, ct);
        timings.EndPhase("level history (read and mark)");
        if (fresh is not null)
        {
            var state = await db.ScorecardStates.FirstOrDefaultAsync(s => s.Id == ScorecardState.SingletonId, ct);
            if (state is null)
            {
                state = new ScorecardState();
                db.ScorecardStates.Add(state);
            }

            state.FrameworkVersion = fresh.FrameworkVersion;
            state.GraphVersion = fresh.GraphVersion;
            state.EvaluatedOn = fresh.EvaluatedOn;
            state.EvaluatedAt = fresh.EvaluatedAt;
            state.Services = fresh.Services;
            state.Changed = fresh.Changed;
            db.Entry(state).DetectChanges();
        }

        await ScorecardWriter.ReplaceAsync(db, records, replaced, ct);
        timings.EndPhase("write scorecards (delete replaced, insert changed)");
        await ScorecardWriter.InsertHistoryAsync(db, history, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        timings.EndPhase("write level history and state, commit");
    }

    /// <summary>The stored fingerprint and framework version per service: of every stored row when <paramref name="ids"/> is null.</summary>
    public static async Task<Dictionary<Guid, (string Fingerprint, int Version)>> StoredAsync(PortalDbContext db, IReadOnlyCollection<Guid>? ids, CancellationToken ct)
    {
        var stored = new Dictionary<Guid, (string Fingerprint, int Version)>(ids?.Count ?? 0);
        var query = db.ServiceScorecards.AsNoTracking();
        var chunks = ids is null ? new Guid[]?[] { null } : ids.Chunk(Chunk).ToArray<Guid[]?>();
        foreach (var chunk in chunks)
        {
            var rows = chunk is null ? query : query.Where(r => EF.Parameter(chunk).Contains(r.ServiceId));
            foreach (var row in await rows.Select(r => new { r.ServiceId, r.Fingerprint, r.FrameworkVersion }).ToListAsync(ct))
            {
                stored[row.ServiceId] = (row.Fingerprint, row.FrameworkVersion);
            }
        }

        return stored;
    }

    /// <summary>
    /// Replaces the stored rows of <paramref name="replaced"/> and inserts <paramref name="records"/>, in the current
    /// transaction. Another writer that stored one of these services in between makes the insert fail on the key:
    /// that is reported as a <see cref="DbUpdateException"/>, as a lost race of <c>SaveChanges</c> is, so the pass starts again.
    /// </summary>
    public static async Task ReplaceAsync(PortalDbContext db, IReadOnlyList<ServiceScorecardRecord> records, IReadOnlyList<Guid> replaced, CancellationToken ct)
    {
        try
        {
            foreach (var chunk in replaced.Chunk(Chunk))
            {
                await db.ServiceScorecards.Where(r => EF.Parameter(chunk).Contains(r.ServiceId)).ExecuteDeleteAsync(ct);
            }

            await db.InsertAsync(records, ct);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("Another writer stored some of these scorecards (or removed their services) during the pass.", ex);
        }
    }

    /// <summary>Inserts new level-history rows in the current transaction; a lost race is reported as in <see cref="ReplaceAsync"/>.</summary>
    public static async Task InsertHistoryAsync(PortalDbContext db, IReadOnlyList<LevelHistoryRecord> rows, CancellationToken ct)
    {
        try
        {
            await db.InsertAsync(rows, ct);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("Another writer recorded today's levels of some of these services during the pass.", ex);
        }
    }
}
