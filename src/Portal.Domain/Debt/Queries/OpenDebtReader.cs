using Microsoft.EntityFrameworkCore;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Queries;

/// <summary>
/// Reads the open debt that affects a set of services: for roll-ups over a scope (a quarterly review's top risks and
/// totals). Two queries whatever the number of items. Pages read the stored scores as they are; a writer that freezes
/// them (closing a review) asks for them to be brought up to date first.
/// </summary>
public sealed class OpenDebtReader(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores)
{
    /// <summary>
    /// Every open item affecting at least one of <paramref name="serviceIds"/> (every open item when null), highest cost
    /// of delay first. Each item lists all the services it affects, in scope or not. With <paramref name="ensureFresh"/>,
    /// stale scores are recomputed first (writers only: never from a page).
    /// </summary>
    public async Task<IReadOnlyList<OpenDebtItem>> AffectingAsync(IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct = default, bool ensureFresh = false)
    {
        if (ensureFresh)
        {
            await scores.EnsureFreshAsync(ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var links = (await db.DebtItemServices.AsNoTracking()
                .Join(db.DebtItems.Where(i => DebtQueries.OpenStatuses.Contains(i.Status)), l => l.DebtItemId, i => i.Id, (l, i) => new { l.DebtItemId, l.ServiceId })
                .ToListAsync(ct))
            .ToLookup(l => l.DebtItemId, l => l.ServiceId);
        var wanted = serviceIds?.ToHashSet();
        var items = await db.DebtItems.AsNoTracking().Where(i => DebtQueries.OpenStatuses.Contains(i.Status))
            .Select(i => new { i.Id, i.Title, i.Signal, i.Status, i.CostOfDelay, i.Priority, i.EffortDays, Team = i.OwnerTeam == null ? null : i.OwnerTeam.Title ?? i.OwnerTeam.Name })
            .ToListAsync(ct);
        return
        [
            .. items.Where(i => wanted is null || links[i.Id].Any(wanted.Contains))
                .OrderByDescending(i => i.CostOfDelay).ThenBy(i => i.Id)
                .Select(i => new OpenDebtItem(i.Id, i.Title, i.Signal, i.Status, i.CostOfDelay, i.Priority, i.EffortDays, i.Team, [.. links[i.Id]])),
        ];
    }
}
