using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>
/// Reads capacity plans: one team's quarter (the API, the edit dialog) or every team's (the org view and heat map).
/// Two or three queries whatever the number of teams; the arithmetic is <see cref="CapacityPlanner"/>'s.
/// </summary>
public sealed class CapacityQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Label of the heat map row for items without an owner team.</summary>
    public const string NoOwnerTeam = "No owner team";

    /// <summary>One team's plan for <paramref name="quarter"/>; null when there is no such team.</summary>
    public async Task<TeamCapacityPlan?> TeamAsync(string teamRef, Quarter quarter, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(teamRef?.Trim() ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Namespace == ns && t.Name == name, ct);
        if (team is null)
        {
            return null;
        }

        var settings = await SettingsAsync(db, quarter, team.Id, ct);
        var items = await ItemsAsync(db, quarter, team.Id, ct);
        return Plan(quarter, team, settings.GetValueOrDefault(team.Id), items.Where(i => i.Team == team.Id).Select(i => i.Item));
    }

    /// <summary>
    /// Every team that has capacity figures (this quarter or earlier) or owns debt that counts this quarter, ranked by
    /// unaddressed cost of delay (then name); and the heat map of open cost of delay by team and signal.
    /// <paramref name="alsoTeams"/> are listed even without either (the viewer's own teams, so they can start planning).
    /// </summary>
    public async Task<CapacityOverview> OverviewAsync(Quarter quarter, IReadOnlyCollection<Guid>? alsoTeams = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await SettingsAsync(db, quarter, null, ct);
        var items = await ItemsAsync(db, quarter, null, ct);
        var byTeam = items.ToLookup(i => i.Team, i => i.Item);
        var teamIds = settings.Keys.Concat(items.Where(i => i.Team is not null).Select(i => i.Team!.Value)).Concat(alsoTeams ?? []).Distinct().ToList();
        var teams = new List<Team>();
        foreach (var chunk in teamIds.Chunk(1_000))
        {
            teams.AddRange(await db.Teams.AsNoTracking().Where(t => chunk.Contains(t.Id)).ToListAsync(ct));
        }

        var plans = teams
            .Select(t => Plan(quarter, t, settings.GetValueOrDefault(t.Id), byTeam[t.Id]))
            .OrderByDescending(p => p.Numbers.UnaddressedCostOfDelay).ThenBy(p => p.TeamName, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var signals = ScalingSignals.All;
        var names = teams.ToDictionary(t => t.Id);
        var rows = byTeam
            .Select(g => (Team: g.Key is { } id && names.TryGetValue(id, out var t) ? t : null, Open: g.Where(i => IsOpen(i.Status)).ToList()))
            .Where(r => r.Open.Count > 0)
            .Select(r => new CapacityHeatRow(
                r.Team?.Ref,
                r.Team?.DisplayName ?? NoOwnerTeam,
                [.. signals.Select(s => Math.Round(r.Open.Where(i => i.Signal == s).Sum(i => i.CostOfDelay), 1))],
                Math.Round(r.Open.Sum(i => i.CostOfDelay), 1)))
            .OrderByDescending(r => r.Total).ThenBy(r => r.TeamName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var max = rows.SelectMany(r => r.Cells).DefaultIfEmpty(0).Max();
        return new CapacityOverview(quarter.ToString(), plans, signals, rows, max);
    }

    private static TeamCapacityPlan Plan(Quarter quarter, Team team, CapacitySetting? setting, IEnumerable<CapacityItem> items)
    {
        var list = items.ToList();
        return new TeamCapacityPlan(
            team.Id, team.Ref, team.DisplayName, quarter.ToString(), quarter.Weekdays, setting, CapacityPlanner.Plan(quarter, setting, list),
            Math.Round(list.Where(i => IsOpen(i.Status)).Sum(i => i.CostOfDelay), 2));
    }

    private static bool IsOpen(DebtStatus status) => status is not (DebtStatus.Done or DebtStatus.WontFix);

    /// <summary>Per team, the row for <paramref name="quarter"/> or else the latest earlier one (carried forward).</summary>
    private static async Task<Dictionary<Guid, CapacitySetting>> SettingsAsync(PortalDbContext db, Quarter quarter, Guid? teamId, CancellationToken ct)
    {
        var q = quarter.ToString();

        // Quarter text sorts in time order, so "earlier or this quarter" is a string comparison in SQL.
        var rows = await db.TeamCapacities.AsNoTracking()
            .Where(c => (teamId == null || c.TeamId == teamId) && string.Compare(c.Quarter, q) <= 0)
            .Select(c => new { c.TeamId, c.Quarter, c.People, c.WorkingDays, c.DebtSharePercent, c.Mode, c.Version, c.UpdatedBy })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.TeamId).ToDictionary(
            g => g.Key,
            g =>
            {
                var r = g.MaxBy(x => x.Quarter, StringComparer.Ordinal)!;
                var own = r.Quarter == q;
                return new CapacitySetting(r.People, own ? r.WorkingDays : quarter.Weekdays, r.DebtSharePercent, r.Mode, r.Quarter, own ? r.Version : null, r.UpdatedBy);
            });
    }

    /// <summary>Items that count for the quarter: open ones, ones planned for it, and ones done in it.</summary>
    private static async Task<List<(Guid? Team, CapacityItem Item)>> ItemsAsync(PortalDbContext db, Quarter quarter, Guid? teamId, CancellationToken ct)
    {
        var q = quarter.ToString();
        var start = quarter.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = quarter.Next.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.DebtItems.AsNoTracking()
            .Where(i => teamId == null || i.OwnerTeamId == teamId)
            .Where(i => DebtQueries.OpenStatuses.Contains(i.Status) || i.TargetQuarter == q || (i.DoneAt >= start && i.DoneAt < end))
            .Select(i => new { i.OwnerTeamId, i.EffortDays, i.Status, i.TargetQuarter, i.DoneAt, i.CostOfDelay, i.Signal })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.OwnerTeamId, new CapacityItem(r.EffortDays, r.Status, r.TargetQuarter, r.DoneAt, r.CostOfDelay, r.Signal)))];
    }
}
