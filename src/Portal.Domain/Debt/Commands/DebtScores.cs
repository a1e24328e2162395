using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Keeps every stored cost of delay and priority in step with what they are computed from. An edit or a report
/// scores its own item in the same save; a change of the tables, the dependency graph (which carries tiers) or the
/// day (urgency and the report window) makes <see cref="EnsureFreshAsync"/> recompute every item, which the
/// register and the API call before reading, and a recurring job calls every hour.
/// </summary>
public sealed class DebtScores(IDbContextFactory<PortalDbContext> dbFactory, GraphService graphs, TimeProvider clock)
{
    private readonly SemaphoreSlim _recomputing = new(1, 1);
    private volatile DebtBlastRadius? _blast;

    /// <summary>Today in UTC: the day scores are computed for.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The tables in force and their version (0 while the defaults apply).</summary>
    public async Task<(DebtScoringTable Table, int Version)> TableAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TableAsync(db, ct);
    }

    /// <summary>What the stored scores were last computed from; null before the first recomputation.</summary>
    public async Task<DebtScoringState?> StateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DebtScoringStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DebtScoringState.SingletonId, ct);
    }

    /// <summary>The blast-radius counter for the current dependency graph, built once per graph version.</summary>
    public async Task<DebtBlastRadius> BlastRadiusAsync(CancellationToken ct = default)
    {
        var snapshot = await graphs.CurrentAsync(ct);
        if (_blast is { } cached && cached.GraphVersion == snapshot.Version)
        {
            return cached;
        }

        var built = new DebtBlastRadius(snapshot.Graph, snapshot.Version);
        _blast = built;
        return built;
    }

    /// <summary>
    /// Recomputes every score when the graph, the tables or the day moved on since the last recomputation; otherwise
    /// costs one small query. Returns the recomputation, or null when the scores were fresh.
    /// </summary>
    public async Task<DebtRecomputeResult?> EnsureFreshAsync(CancellationToken ct = default)
    {
        if (await IsFreshAsync(ct))
        {
            return null;
        }

        await _recomputing.WaitAsync(ct);
        try
        {
            return await IsFreshAsync(ct) ? null : await RecomputeUnlockedAsync(ct);
        }
        finally
        {
            _recomputing.Release();
        }
    }

    /// <summary>Recomputes every item's numbers now, writing only those that changed.</summary>
    public async Task<DebtRecomputeResult> RecomputeAllAsync(CancellationToken ct = default)
    {
        await _recomputing.WaitAsync(ct);
        try
        {
            return await RecomputeUnlockedAsync(ct);
        }
        finally
        {
            _recomputing.Release();
        }
    }

    /// <summary>
    /// Scores one tracked item inside the caller's unit of work (it must be loaded with its services and their
    /// <see cref="DebtItemService.Service"/>), and returns the explanation.
    /// </summary>
    public async Task<DebtScore> ScoreAsync(PortalDbContext db, DebtItem item, CancellationToken ct = default)
    {
        var score = (await ExplainManyAsync(db, [item], ct))[item.Id];
        item.ApplyScore(score.Values, clock.GetUtcNow().UtcDateTime);
        return score;
    }

    /// <summary>"Why this number" for one item as it is stored now; null when there is no such item.</summary>
    public async Task<DebtScore?> ExplainAsync(Guid itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.DebtItems.AsNoTracking().Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        return item is null ? null : (await ExplainManyAsync(db, [item], ct))[item.Id];
    }

    /// <summary>
    /// Explains several items at once (a page of the register): one query for their reports, one for the tables. The
    /// items must be loaded with their services; reports added to <paramref name="db"/> and not yet saved count too.
    /// </summary>
    internal Task<Dictionary<Guid, DebtScore>> ExplainManyAsync(PortalDbContext db, IReadOnlyList<DebtItem> items, CancellationToken ct) =>
        ExplainManyAsync(db, [.. items.Select(DebtScoreSubject.Of)], ct);

    /// <summary>As <see cref="ExplainManyAsync(PortalDbContext, IReadOnlyList{DebtItem}, CancellationToken)"/>, from what the scores read.</summary>
    internal async Task<Dictionary<Guid, DebtScore>> ExplainManyAsync(PortalDbContext db, IReadOnlyList<DebtScoreSubject> items, CancellationToken ct)
    {
        var (table, _) = await TableAsync(db, ct);
        var today = Today;
        var from = DebtScoring.ReportWindowStart(today);
        var ids = items.Select(i => i.Id).ToList();
        var removedNow = db.ChangeTracker.Entries<DebtReport>().Where(e => e.State == EntityState.Modified && e.Entity.IsRemoved).Select(e => e.Entity.Id).ToHashSet();
        var reports = (await db.DebtReports.AsNoTracking()
            .Where(r => ids.Contains(r.DebtItemId) && r.OccurredOn >= from && r.OccurredOn <= today && r.RemovedAt == null)
            .Select(r => new { r.Id, r.DebtItemId, r.Hours }).ToListAsync(ct))
            .Where(r => !removedNow.Contains(r.Id))
            .Select(r => new { r.DebtItemId, r.Hours })
            .Concat(db.ChangeTracker.Entries<DebtReport>()
                .Where(e => e.State == EntityState.Added && e.Entity.OccurredOn >= from && e.Entity.OccurredOn <= today)
                .Select(e => new { e.Entity.DebtItemId, e.Entity.Hours }))
            .ToLookup(r => r.DebtItemId, r => r.Hours);
        var blast = await BlastRadiusAsync(ct);
        var result = new Dictionary<Guid, DebtScore>(items.Count);
        foreach (var item in items)
        {
            var services = item.Services;
            var hours = reports[item.Id].ToList();
            var input = new DebtScoreInput(item.Likelihood, item.Impact, item.EffortDays, item.InterestOverride, hours.Sum(), hours.Count,
                services, blast.Count(services.Select(s => s.Ref), withExample: true), item.PayBackBy);
            result[item.Id] = DebtScoring.Explain(input, table, today);
        }

        return result;
    }

    private static async Task<(DebtScoringTable Table, int Version)> TableAsync(PortalDbContext db, CancellationToken ct)
    {
        var settings = await db.DebtScoringSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DebtScoringSettings.SingletonId, ct);
        return settings is null ? (DebtScoringTable.Default, 0) : (settings.ScoringTable, settings.Version + 1);
    }

    private async Task<bool> IsFreshAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var row = await db.DebtScoringStates.AsNoTracking()
            .Where(s => s.Id == DebtScoringState.SingletonId)
            .Select(s => new
            {
                s.GraphVersion,
                s.TablesVersion,
                s.ScoredOn,
                Graph = db.GraphStates.Where(g => g.Id == GraphState.SingletonId).Select(g => (long?)g.Version).FirstOrDefault(),
                Table = db.DebtScoringSettings.Where(t => t.Id == DebtScoringSettings.SingletonId).Select(t => t.ScoringTable).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return row is not null && row.ScoredOn == today && row.GraphVersion == (row.Graph ?? 0)
            && row.TablesVersion == (row.Table ?? DebtScoringTable.Default).Fingerprint();
    }

    private async Task<DebtRecomputeResult> RecomputeUnlockedAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var blast = await BlastRadiusAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (table, _) = await TableAsync(db, ct);
        var today = Today;
        var from = DebtScoring.ReportWindowStart(today);

        var items = await db.DebtItems.AsNoTracking()
            .Select(i => new { i.Id, i.Version, i.Likelihood, i.Impact, i.EffortDays, i.InterestOverride, i.PayBackBy, i.InterestHoursPerMonth, i.CostOfDelay, i.Priority })
            .ToListAsync(ct);
        var links = (await db.DebtItemServices.AsNoTracking()
            .Select(l => new { l.DebtItemId, l.Service.Namespace, l.Service.Name, l.Service.Tier })
            .ToListAsync(ct))
            .ToLookup(l => l.DebtItemId, l => new AffectedService(EntityRef.Format(l.Namespace, l.Name), l.Name, l.Tier));
        var reports = await db.DebtReports.AsNoTracking()
            .Where(r => r.OccurredOn >= from && r.OccurredOn <= today && r.RemovedAt == null)
            .GroupBy(r => r.DebtItemId)
            .Select(g => new { Id = g.Key, Hours = g.Sum(r => r.Hours), Count = g.Count() })
            .ToDictionaryAsync(r => r.Id, ct);

        var changed = new List<DebtScoreWriter.Row>();
        foreach (var i in items)
        {
            var services = links[i.Id].ToList();
            var reported = reports.GetValueOrDefault(i.Id);
            var input = new DebtScoreInput(i.Likelihood, i.Impact, i.EffortDays, i.InterestOverride, reported?.Hours ?? 0, reported?.Count ?? 0,
                services, blast.Count(services.Select(s => s.Ref)), i.PayBackBy);
            var values = DebtScoring.Compute(input, table, today);
            if (!Same(values.CostOfDelay, i.CostOfDelay) || !Same(values.Priority, i.Priority) || !Same(values.InterestHoursPerMonth, i.InterestHoursPerMonth))
            {
                changed.Add(new DebtScoreWriter.Row(i.Id, i.Version, values));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await DebtScoreWriter.WriteAsync(db, changed, now, ct);

        var state = await db.DebtScoringStates.FirstOrDefaultAsync(s => s.Id == DebtScoringState.SingletonId, ct);
        if (state is null)
        {
            state = new DebtScoringState();
            db.DebtScoringStates.Add(state);
        }

        (state.GraphVersion, state.TablesVersion, state.ScoredOn, state.ScoredAt, state.Items) = (blast.GraphVersion, table.Fingerprint(), today, now, items.Count);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<DebtScoringState>().Any(e => e.State == EntityState.Added))
        {
            // Another instance recorded its first recomputation at the same moment; its row says the same.
        }

        return new DebtRecomputeResult(items.Count, changed.Count, blast.GraphVersion, clock.GetElapsedTime(started));
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));
}
