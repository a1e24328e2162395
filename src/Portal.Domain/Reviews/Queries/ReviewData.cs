using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Reviews.Queries;

/// <summary>Set-based reads that preparing, running, closing and comparing reviews share: a few queries whatever the size.</summary>
internal static class ReviewData
{
    /// <summary>Open debt statuses (not Done, not Won't fix).</summary>
    public static readonly DebtStatus[] OpenDebt = [DebtStatus.Proposed, DebtStatus.Accepted, DebtStatus.Planned, DebtStatus.InProgress];

    public static async Task<Dictionary<Guid, TeamInfo>> TeamsAsync(PortalDbContext db, CancellationToken ct) =>
        (await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Namespace, t.Name, t.Title, t.ParentTeamId, t.Email }).ToListAsync(ct))
        .ToDictionary(t => t.Id, t => new TeamInfo(t.Id, EntityRef.Format(t.Namespace, t.Name), string.IsNullOrWhiteSpace(t.Title) ? t.Name : t.Title, t.ParentTeamId, t.Email));

    /// <summary>The services a scope of teams covers (every service when <paramref name="scopeTeamIds"/> is empty), by reference.</summary>
    public static async Task<List<ScopeService>> ServicesAsync(
        PortalDbContext db, IReadOnlyCollection<Guid> scopeTeamIds, Dictionary<Guid, TeamInfo> teams, int? maxTier, CancellationToken ct)
    {
        var expanded = ReviewScope.ExpandTeams(scopeTeamIds, teams.Values.Select(t => (t.Id, t.ParentId)));
        var query = db.Services.AsNoTracking();
        if (maxTier is { } tier)
        {
            query = query.Where(s => s.Tier <= tier);
        }

        var rows = await query.Select(s => new { s.Id, s.Namespace, s.Name, s.Title, s.OwnerTeamId, s.Tier }).ToListAsync(ct);
        return
        [
            .. rows.Where(s => ReviewScope.Covers(expanded, s.OwnerTeamId))
                .Select(s =>
                {
                    var team = s.OwnerTeamId is { } id && teams.TryGetValue(id, out var t) ? t : null;
                    return new ScopeService(s.Id, EntityRef.Format(s.Namespace, s.Name), string.IsNullOrWhiteSpace(s.Title) ? s.Name : s.Title, team?.Id, team?.Ref, team?.Name, s.Tier);
                })
                .OrderBy(s => s.Ref, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The services of <paramref name="all"/> (read once with an empty scope) that a scope of teams and a tier ceiling
    /// cover: the same answer as <see cref="ServicesAsync"/> without reading the table again.
    /// </summary>
    public static List<ScopeService> Covered(
        IReadOnlyCollection<Guid> scopeTeamIds, int? maxTier, IEnumerable<ScopeService> all, Dictionary<Guid, TeamInfo> teams)
    {
        var expanded = ReviewScope.ExpandTeams(scopeTeamIds, teams.Values.Select(t => (t.Id, t.ParentId)));
        return [.. all.Where(s => (maxTier is not { } tier || s.Tier <= tier) && ReviewScope.Covers(expanded, s.TeamId))];
    }

    /// <summary>Stored levels (columns only, no results) of these services, keyed by id.</summary>
    public static async Task<Dictionary<Guid, (ScoreLevel Overall, string Levels)>> LevelsAsync(PortalDbContext db, IReadOnlyCollection<ScopeService> services, CancellationToken ct)
    {
        var wanted = services.Select(s => s.Id).ToHashSet();
        var rows = await db.ServiceScorecards.AsNoTracking()
            .Select(r => new { r.ServiceId, r.Overall, r.Coordination, r.DataModel, r.CascadingFailures, r.Observability, r.DeliveryPipeline, r.TeamTopology, r.CompoundingShortcuts })
            .ToListAsync(ct);
        return rows.Where(r => wanted.Contains(r.ServiceId)).ToDictionary(
            r => r.ServiceId,
            r => (r.Overall, string.Concat(new[] { r.Coordination, r.DataModel, r.CascadingFailures, r.Observability, r.DeliveryPipeline, r.TeamTopology, r.CompoundingShortcuts }.Select(l => (char)('0' + (int)l)))));
    }

    /// <summary>The inputs of <see cref="ReadinessCalculator"/> for these services.</summary>
    public static async Task<ReadinessInputs> ReadinessInputsAsync(
        PortalDbContext db, ScorecardFramework framework, IReadOnlyList<ScopeService> services, Dictionary<Guid, TeamInfo> teams, CancellationToken ct)
    {
        var wanted = services.Select(s => s.Id).ToHashSet();
        var answers = (await db.ScorecardAnswers.AsNoTracking().Select(a => new { a.ServiceId, a.CriterionKey, a.ExpiresAt }).ToListAsync(ct))
            .Where(a => wanted.Contains(a.ServiceId)).Select(a => (a.ServiceId, a.CriterionKey, a.ExpiresAt)).ToList();
        var exemptions = (await db.ScorecardExemptions.AsNoTracking().Where(e => e.Status == ExemptionStatus.Approved)
                .Select(e => new { e.ServiceId, e.CriterionKey, e.EndsOn, e.Reason }).ToListAsync(ct))
            .Where(e => wanted.Contains(e.ServiceId)).Select(e => (e.ServiceId, e.CriterionKey, e.EndsOn, e.Reason)).ToList();
        var flagged = (await db.ServiceScorecards.AsNoTracking().Where(r => r.Flagged > 0).Select(r => new { r.ServiceId, r.Flagged }).ToListAsync(ct))
            .Where(r => wanted.Contains(r.ServiceId)).ToDictionary(r => r.ServiceId, r => r.Flagged);
        var emails = teams.Values.Where(t => !string.IsNullOrWhiteSpace(t.Email)).ToDictionary(t => t.Ref, t => t.Email!, StringComparer.Ordinal);
        return new ReadinessInputs(framework, services, emails, answers, exemptions, flagged);
    }

    /// <summary>The criteria a framework evaluates, in the order status strings use.</summary>
    public static List<SnapshotCriterion> Criteria(ScorecardFramework framework) =>
        [.. framework.Criteria.Where(c => !c.Retired).Select(c => new SnapshotCriterion(c.Key, c.Signal, c.Level, c.Mode, c.Title))];

    /// <summary>
    /// Reads stored results of <paramref name="services"/> in chunks and hands each service's record to <paramref name="visit"/>,
    /// so 10,000 services' evidence never sits in memory at once. Services without a stored scorecard are visited with null.
    /// </summary>
    public static async Task ForEachScorecardAsync(
        PortalDbContext db, IReadOnlyList<ScopeService> services, Func<ScopeService, ServiceScorecardRecord?, Task> visit, CancellationToken ct, int chunkSize = 1_000)
    {
        foreach (var chunk in services.Chunk(chunkSize))
        {
            var records = await ScorecardsAsync(db, chunk, ct);
            foreach (var s in chunk)
            {
                await visit(s, records.GetValueOrDefault(s.Id));
            }
        }
    }

    /// <summary>
    /// The stored scorecards of one chunk of services, by service id. The ids are one array parameter (json_each on
    /// SQLite, = ANY on PostgreSQL): a thousand separate parameters cost SQLite a name lookup each when bound.
    /// </summary>
    public static Task<Dictionary<Guid, ServiceScorecardRecord>> ScorecardsAsync(PortalDbContext db, IReadOnlyCollection<ScopeService> chunk, CancellationToken ct)
    {
        var ids = chunk.Select(s => s.Id).ToArray();
        return db.ServiceScorecards.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.ServiceId)).ToDictionaryAsync(r => r.ServiceId, ct);
    }

    /// <summary>Live levels and status strings of <paramref name="services"/> (for "now" in a comparison).</summary>
    public static async Task<List<ServiceState>> StatesAsync(PortalDbContext db, IReadOnlyList<ScopeService> services, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var states = new List<ServiceState>(services.Count);
        await ForEachScorecardAsync(db, services, (s, r) =>
        {
            states.Add(r is null
                ? new ServiceState(s.Ref, s.DisplayName, s.Team, s.TeamName, s.Tier, ScoreLevel.None, "0000000", new string(SnapshotStatuses.Missing, keys.Count))
                : new ServiceState(s.Ref, s.DisplayName, s.Team, s.TeamName, s.Tier, r.Overall, LevelDigits.Of(r.Levels()), SnapshotStatuses.Encode(keys, r.Results)));
            return Task.CompletedTask;
        }, ct);
        return states;
    }
}
