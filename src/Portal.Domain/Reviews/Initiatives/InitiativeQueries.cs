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
    /// <summary>Today on the server's clock (UTC): what the API counts from.</summary>
    private DateOnly UtcToday => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Initiatives, active first, then by due date; <see cref="Page{T}.Total"/> counts every match. On track is counted from today in UTC.</summary>
    public Task<Page<InitiativeSummary>> ListAsync(InitiativeFilter filter, CancellationToken ct = default) => ListAsync(filter, null, ct);

    /// <summary>
    /// As <see cref="ListAsync(InitiativeFilter, CancellationToken)"/>, with on track counted from <paramref name="today"/>
    /// (the viewer's day, where they are; null for UTC).
    /// </summary>
    public async Task<Page<InitiativeSummary>> ListAsync(InitiativeFilter filter, DateOnly? today, CancellationToken ct = default)
    {
        var day = today ?? UtcToday;
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
        var items = rows.Select(i => Summarise(i, ReviewData.Covered(i.ScopeTeamIds, i.MaxTier, all, teams), levels, teams, day)).ToList();
        return new Page<InitiativeSummary>(items, total, filter.Page, filter.PageSize);
    }

    /// <summary>One initiative with its burn-up (to today in UTC) and the services still short; null when there is none.</summary>
    public Task<InitiativeView?> GetAsync(Guid id, CancellationToken ct = default) => GetAsync(id, null, ct);

    /// <summary>
    /// As <see cref="GetAsync(Guid, CancellationToken)"/>, with the burn-up drawn to <paramref name="today"/> and on track
    /// counted from it (the viewer's day, where they are; null for UTC).
    /// </summary>
    public async Task<InitiativeView?> GetAsync(Guid id, DateOnly? today, CancellationToken ct = default)
    {
        var day = today ?? UtcToday;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var initiative = await db.Initiatives.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (initiative is null)
        {
            return null;
        }

        var teams = await ReviewData.TeamsAsync(db, ct);
        var services = await ReviewData.ServicesAsync(db, initiative.ScopeTeamIds, teams, initiative.MaxTier, ct);
        var levels = await ReviewData.LevelsAsync(db, services, ct);
        var summary = Summarise(initiative, services, levels, teams, day);
        var ids = services.Select(s => s.Id).ToHashSet();
        var last = day < initiative.DueOn ? day : initiative.DueOn;
        var history = await BurnUpHistoryAsync(db, ids, initiative.StartsOn, last, ct);
        var burnUp = InitiativeBurnUp.Compute(initiative.StartsOn, initiative.DueOn, day, ids, history, initiative.Signal, initiative.TargetLevel);
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

    /// <summary>
    /// The level history a burn-up from <paramref name="startsOn"/> to <paramref name="last"/> needs, and no more: each
    /// service's last row on or before the start (its level when counting begins), the rows inside the window, and for a
    /// service with no row up to <paramref name="last"/> but some after it, one stand-in row the day after (it entered
    /// later, so it is not counted; a service with no row at all counts, short, from the start). Rows a service keeps from
    /// years before the start, and every change after the window, stay in the database. Each chunk of services is one
    /// array parameter.
    /// </summary>
    internal static async Task<List<(Guid ServiceId, DateOnly Day, string Levels)>> BurnUpHistoryAsync(
        PortalDbContext db, IReadOnlyCollection<Guid> ids, DateOnly startsOn, DateOnly last, CancellationToken ct)
    {
        var history = new List<(Guid ServiceId, DateOnly Day, string Levels)>();
        if (last < startsOn)
        {
            return history;
        }

        var rows = db.ScorecardLevelHistory.AsNoTracking();
        foreach (var chunk in ids.Chunk(1_000))
        {
            var atStart = await rows
                .Where(h => EF.Parameter(chunk).Contains(h.ServiceId) && h.Day <= startsOn
                    && h.Day == rows.Where(x => x.ServiceId == h.ServiceId && x.Day <= startsOn).Max(x => x.Day))
                .Select(h => new { h.ServiceId, h.Day, h.Levels }).ToListAsync(ct);
            var inside = await rows.Where(h => EF.Parameter(chunk).Contains(h.ServiceId) && h.Day > startsOn && h.Day <= last)
                .Select(h => new { h.ServiceId, h.Day, h.Levels }).ToListAsync(ct);
            history.AddRange(atStart.Concat(inside).Select(r => (r.ServiceId, r.Day, r.Levels)));
            var seen = atStart.Select(r => r.ServiceId).Concat(inside.Select(r => r.ServiceId)).ToHashSet();
            var unseen = chunk.Where(id => !seen.Contains(id)).ToArray();
            if (unseen.Length > 0)
            {
                var later = await rows.Where(h => EF.Parameter(unseen).Contains(h.ServiceId) && h.Day > last).Select(h => h.ServiceId).Distinct().ToListAsync(ct);
                history.AddRange(later.Select(id => (id, last.AddDays(1), "0000000")));
            }
        }

        return history;
    }

    private static InitiativeSummary Summarise(
        Initiative i, IReadOnlyCollection<ScopeService> services, Dictionary<Guid, (ScoreLevel Overall, string Levels)> levels, Dictionary<Guid, TeamInfo> teams, DateOnly today)
    {
        var met = services.Count(s => levels.TryGetValue(s.Id, out var l) && LevelDigits.Level(l.Levels, i.Signal) >= i.TargetLevel);
        var owner = teams.GetValueOrDefault(i.OwnerTeamId);
        return new InitiativeSummary(
            i.Id, i.Title, i.Signal, i.TargetLevel, owner?.Ref ?? "", owner?.Name ?? "(team gone)",
            [.. i.ScopeTeamIds.Select(t => teams.TryGetValue(t, out var team) ? team.Name : null).OfType<string>()],
            i.MaxTier, i.StartsOn, i.DueOn, i.Status, met, services.Count,
            InitiativeBurnUp.IsOnTrack(met, services.Count, i.StartsOn, i.DueOn, today), i.FromActionItemId, i.Version);
    }
}
