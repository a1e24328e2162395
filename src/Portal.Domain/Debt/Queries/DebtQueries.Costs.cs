using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Queries;

public sealed partial class DebtQueries
{
    /// <summary>
    /// The open debt cost of delay of one service (see <see cref="ServiceDebtCost"/>), by reference (<c>payments</c> or
    /// <c>ops/payments</c>); null when there is no such service. A service without open debt answers 0 items, 0 hours.
    /// </summary>
    public async Task<ServiceDebtCost?> OpenCostOfDelayAsync(string serviceRef, CancellationToken ct = default) =>
        (await OpenCostOfDelayAsync([serviceRef], ct)).GetValueOrDefault(serviceRef);

    /// <summary>
    /// The open debt cost of delay of many services at once, in two queries whatever their number, keyed by the
    /// references asked for. References that name no service are left out of the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ServiceDebtCost>> OpenCostOfDelayAsync(IEnumerable<string> serviceRefs, CancellationToken ct = default)
    {
        var wanted = serviceRefs.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, ServiceDebtCost>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = wanted.Select(EntityRef.Parse).Select(p => p.Name).Distinct().ToList();
        var services = (await db.Services.AsNoTracking().Where(s => names.Contains(s.Name))
            .Select(s => new { s.Id, s.Namespace, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, Ref: EntityRef.Format(s.Namespace, s.Name)))
            .Where(s => wanted.Contains(s.Ref, StringComparer.Ordinal))
            .ToList();
        var costs = await CostsAsync(db, services.Select(s => s.Id).ToList(), ct);
        var scoredAt = await ScoredAtAsync(db, ct);
        return services.ToDictionary(
            s => s.Ref,
            s => costs.TryGetValue(s.Id, out var c) ? c with { Service = s.Ref, ScoredAt = scoredAt } : new ServiceDebtCost(s.Id, s.Ref, 0, 0, null, scoredAt),
            StringComparer.Ordinal);
    }

    /// <summary>The same as <see cref="OpenCostOfDelayAsync(IEnumerable{string}, CancellationToken)"/>, keyed by service id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ServiceDebtCost>> OpenCostOfDelayByIdAsync(IEnumerable<Guid> serviceIds, CancellationToken ct = default)
    {
        var ids = serviceIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, ServiceDebtCost>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refs = (await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Namespace, s.Name }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => EntityRef.Format(s.Namespace, s.Name));
        var costs = await CostsAsync(db, [.. refs.Keys], ct);
        var scoredAt = await ScoredAtAsync(db, ct);
        return refs.ToDictionary(
            r => r.Key,
            r => costs.TryGetValue(r.Key, out var c) ? c with { Service = r.Value, ScoredAt = scoredAt } : new ServiceDebtCost(r.Key, r.Value, 0, 0, null, scoredAt));
    }

    /// <summary>
    /// The open debt cost of delay of every service, keyed by service id, in three whole-table queries (a full scorecard
    /// pass): ten thousand ids as parameters cost more than the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ServiceDebtCost>> OpenCostOfDelayOfEveryServiceAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refs = (await db.Services.AsNoTracking().Select(s => new { s.Id, s.Namespace, s.Name }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => EntityRef.Format(s.Namespace, s.Name));
        var costs = await CostsAsync(db, null, ct);
        var scoredAt = await ScoredAtAsync(db, ct);
        return refs.ToDictionary(
            r => r.Key,
            r => costs.TryGetValue(r.Key, out var c) ? c with { Service = r.Value, ScoredAt = scoredAt } : new ServiceDebtCost(r.Key, r.Value, 0, 0, null, scoredAt));
    }

    /// <summary>Open items' count, summed cost of delay and top priority per service: of <paramref name="serviceIds"/>, or of every service when null.</summary>
    private static async Task<Dictionary<Guid, ServiceDebtCost>> CostsAsync(PortalDbContext db, List<Guid>? serviceIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, ServiceDebtCost>();

        // In chunks, so thousands of services never make one statement with thousands of parameters.
        var chunks = serviceIds is null ? new Guid[]?[] { null } : serviceIds.Chunk(1_000).ToArray<Guid[]?>();
        foreach (var chunk in chunks)
        {
            var links = db.DebtItemServices.AsNoTracking();
            var rows = await (chunk is null ? links : links.Where(l => chunk.Contains(l.ServiceId)))
                .Join(db.DebtItems.Where(i => OpenStatuses.Contains(i.Status)), l => l.DebtItemId, i => i.Id, (l, i) => new { l.ServiceId, i.CostOfDelay, i.Priority })
                .GroupBy(x => x.ServiceId)
                .Select(g => new { ServiceId = g.Key, Count = g.Count(), Cost = g.Sum(x => x.CostOfDelay), Top = g.Max(x => x.Priority) })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                result[r.ServiceId] = new ServiceDebtCost(r.ServiceId, "", r.Count, r.Cost, r.Top, null);
            }
        }

        return result;
    }

    private static Task<DateTime?> ScoredAtAsync(PortalDbContext db, CancellationToken ct) =>
        db.DebtScoringStates.AsNoTracking().Where(s => s.Id == DebtScoringState.SingletonId).Select(s => s.ScoredAt).FirstOrDefaultAsync(ct);
}
