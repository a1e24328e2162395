using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>
/// Reads initiatives with their progress counted from the scorecards: the list (paged in the database, progress for
/// the page only, from one read of services and levels) and one initiative with its burn-up from the level history.
/// </summary>
public sealed class InitiativeQueries(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Initiatives, active first, then by due date; <see cref="Page{T}.Total"/> counts every match.</summary>
    public async Task<Page<InitiativeSummary>> ListAsync(InitiativeFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Page < 1)
        {
            throw new DomainValidationException("page", "must be 1 or more");
        }

        if (filter.PageSize is < 1 or > InitiativeFilter.MaxPageSize)
        {
            throw new DomainValidationException("pageSize", $"must be between 1 and {InitiativeFilter.MaxPageSize}");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await ReviewData.TeamsAsync(db, ct);
        var query = db.Initiatives.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.Signal is { } signal)
        {
            query = query.Where(i => i.Signal == signal);
        }

        if (!string.IsNullOrWhiteSpace(filter.OwnerTeam))
        {
            var owner = teams.Values.FirstOrDefault(t => string.Equals(t.Ref, filter.OwnerTeam.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainValidationException("team", $"there is no team '{filter.OwnerTeam.Trim()}'");
            query = query.Where(i => i.OwnerTeamId == owner.Id);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(i => i.Status).ThenBy(i => i.DueOn).ThenBy(i => i.Title)
            .Skip(Paging.Offset(filter.Page, filter.PageSize)).Take(filter.PageSize).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new Page<InitiativeSummary>([], total, filter.Page, filter.PageSize);
        }

        var all = await ReviewData.ServicesAsync(db, [], teams, null, ct);
        var levels = await ReviewData.LevelsAsync(db, all, ct);
        var items = rows.Select(i => Summarise(i, ReviewData.Covered(i.ScopeTeamIds, i.MaxTier, all, teams), levels, teams)).ToList();
        return new Page<InitiativeSummary>(items, total, filter.Page, filter.PageSize);
    }

    /// <summary>One initiative with its burn-up and the services still short; null when there is none.</summary>
    public async Task<InitiativeView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var initiative = await db.Initiatives.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (initiative is null)
        {
            return null;
        }

        var teams = await ReviewData.TeamsAsync(db, ct);
        var services = await ReviewData.ServicesAsync(db, initiative.ScopeTeamIds, teams, initiative.MaxTier, ct);
        var levels = await ReviewData.LevelsAsync(db, services, ct);
        var summary = Summarise(initiative, services, levels, teams);
        var ids = services.Select(s => s.Id).ToHashSet();
        // Every row, later ones too: a service whose first row comes after the last day shown has not entered yet.
        var history = new List<(Guid, DateOnly, string)>();
        foreach (var chunk in ids.Chunk(1_000))
        {
            var rows = await db.ScorecardLevelHistory.AsNoTracking().Where(h => chunk.Contains(h.ServiceId))
                .Select(h => new { h.ServiceId, h.Day, h.Levels }).ToListAsync(ct);
            history.AddRange(rows.Select(r => (r.ServiceId, r.Day, r.Levels)));
        }

        var burnUp = InitiativeBurnUp.Compute(initiative.StartsOn, initiative.DueOn, Today, ids, history, initiative.Signal, initiative.TargetLevel);
        var level = (ScopeService s) => levels.TryGetValue(s.Id, out var l) ? LevelDigits.Level(l.Levels, initiative.Signal) : ScoreLevel.None;
        var shortOf = services.Where(s => level(s) < initiative.TargetLevel)
            .OrderBy(s => s.Tier).ThenBy(level).ThenBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(s => new ShortService(s.Ref, s.DisplayName, s.Team, s.TeamName, s.Tier, level(s))).ToList();
        return new InitiativeView(
            summary,
            initiative.Description,
            [.. initiative.ScopeTeamIds.Select(t => teams.TryGetValue(t, out var team) ? team.Ref : null).OfType<string>()],
            burnUp,
            shortOf,
            initiative.CreatedByName,
            initiative.CreatedAt,
            initiative.UpdatedAt);
    }

    private InitiativeSummary Summarise(
        Initiative i, IReadOnlyCollection<ScopeService> services, Dictionary<Guid, (ScoreLevel Overall, string Levels)> levels, Dictionary<Guid, TeamInfo> teams)
    {
        var met = services.Count(s => levels.TryGetValue(s.Id, out var l) && LevelDigits.Level(l.Levels, i.Signal) >= i.TargetLevel);
        var owner = teams.GetValueOrDefault(i.OwnerTeamId);
        return new InitiativeSummary(
            i.Id, i.Title, i.Signal, i.TargetLevel, owner?.Ref ?? "", owner?.Name ?? "(team gone)",
            [.. i.ScopeTeamIds.Select(t => teams.TryGetValue(t, out var team) ? team.Name : null).OfType<string>()],
            i.MaxTier, i.StartsOn, i.DueOn, i.Status, met, services.Count,
            InitiativeBurnUp.IsOnTrack(met, services.Count, i.StartsOn, i.DueOn, Today), i.FromActionItemId, i.Version);
    }
}
