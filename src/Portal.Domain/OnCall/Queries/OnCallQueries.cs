using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.OnCall.Queries;

/// <summary>
/// Read side of on-call for pages, the REST API and the CLI. Loads rotations as plain plans and lets
/// <see cref="OnCallSchedule"/> do the arithmetic, so every view agrees with the unit-tested rules.
/// </summary>
public sealed class OnCallQueries(IDbContextFactory<PortalDbContext> dbFactory, Microsoft.Extensions.Options.IOptions<ExternalScheduleLinks>? links = null)
{
    /// <summary>How far ahead <see cref="ForPersonAsync"/> looks for upcoming shifts.</summary>
    public const int UpcomingWeeks = 4;

    public const int MaxScheduleWeeks = 52;

    /// <summary>
    /// An override that ended before the window still decides where the shift the window opens in
    /// resumed, and no shift is longer than this.
    /// </summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(OnCallSchedule.MaxShiftLengthDays + 2);

    /// <summary>Each level's current and next person; throws <see cref="NotFoundException"/> for an unknown team.</summary>
    public async Task<TeamOnCallDto> ForTeamAsync(string teamRef, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await FindTeamAsync(db, teamRef, ct);
        var rotations = await LoadAsync(db.OnCallRotations.Where(r => r.TeamId == team.Id), at, ct);
        return new TeamOnCallDto(TeamRef(team), [.. rotations.OrderBy(r => r.Level).Select(r => Now(r, at, links?.Value))]);
    }

    /// <summary>The team's rotations with participants and overrides, primary first, as the edit page shows them.</summary>
    public async Task<IReadOnlyList<RotationDetailsDto>> RotationsAsync(string teamRef, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await FindTeamAsync(db, teamRef, ct);
        var rotations = await db.OnCallRotations.AsNoTracking().WithChildren().Where(r => r.TeamId == team.Id).ToListAsync(ct);
        return [.. rotations.OrderBy(r => r.Level).Select(RotationDetailsDto.From)];
    }

    /// <summary>
    /// Every level's shifts over <paramref name="weeks"/> weeks (1 to 52) from <paramref name="from"/>,
    /// primary first, each level contiguous; throws <see cref="NotFoundException"/> for an unknown team.
    /// </summary>
    public async Task<IReadOnlyList<ShiftDto>> ScheduleAsync(string teamRef, DateTimeOffset from, int weeks, CancellationToken ct = default)
    {
        var to = from.AddDays(7 * Math.Clamp(weeks, 1, MaxScheduleWeeks));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await FindTeamAsync(db, teamRef, ct);
        var rotations = await LoadAsync(db.OnCallRotations.Where(r => r.TeamId == team.Id), from, ct);
        return [.. rotations.OrderBy(r => r.Level).SelectMany(r => Shifts(r, from, to))];
    }

    /// <summary>
    /// Rotations in which the person is on call at <paramref name="at"/> or within the next
    /// <see cref="UpcomingWeeks"/> weeks, on call now first; throws <see cref="NotFoundException"/> for an unknown person.
    /// </summary>
    public async Task<IReadOnlyList<PersonOnCallDto>> ForPersonAsync(string personRef, DateTimeOffset at, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(personRef.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Namespace == ns && p.Name == name, ct)
            ?? throw new NotFoundException("Person", personRef);
        var to = at.AddDays(7 * UpcomingWeeks);
        var atUtc = at.UtcDateTime;
        var toUtc = to.UtcDateTime;
        var personId = person.Id;
        var candidates = db.OnCallRotations.Where(r =>
            r.Participants.Any(p => p.PersonId == personId)
            || r.Overrides.Any(o => o.PersonId == personId && o.EndUtc > atUtc && o.StartUtc < toUtc));
        var rotations = await LoadAsync(candidates, at, ct);

        var result = new List<PersonOnCallDto>();
        foreach (var r in rotations)
        {
            var shifts = Shifts(r, at, to).Where(s => s.Person is { } p && p.Name == person.Name && p.Namespace == person.Namespace).ToList();
            if (shifts.Count > 0)
            {
                var now = shifts.Any(s => s.StartUtc <= at && at < s.EndUtc);
                result.Add(new PersonOnCallDto(TeamRef(r.Team), r.Id, r.Level, r.Name, now, shifts));
            }
        }

        return
        [
            .. result.OrderByDescending(x => x.IsOnCallNow)
                .ThenBy(x => x.Shifts[0].StartUtc)
                .ThenBy(x => x.Team.Name, StringComparer.Ordinal)
                .ThenBy(x => x.Level),
        ];
    }

    private static async Task<Team> FindTeamAsync(PortalDbContext db, string teamRef, CancellationToken ct)
    {
        var (ns, name) = EntityRef.Parse(teamRef.Trim());
        return await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Namespace == ns && t.Name == name, ct)
            ?? throw new NotFoundException("Team", teamRef);
    }

    private static async Task<List<OnCallRotation>> LoadAsync(IQueryable<OnCallRotation> rotations, DateTimeOffset from, CancellationToken ct)
    {
        var since = from.UtcDateTime - LookBack;
        return await rotations.AsNoTracking()
            .Include(r => r.Team)
            .Include(r => r.Participants).ThenInclude(p => p.Person)
            .Include(r => r.Overrides.Where(o => o.EndUtc > since)).ThenInclude(o => o.Person)
            .AsSplitQuery()
            .ToListAsync(ct);
    }

    private static RotationOnCallDto Now(OnCallRotation r, DateTimeOffset at, ExternalScheduleLinks? links)
    {
        var plan = r.ToPlan();
        var overrides = r.OverridePlans();
        var people = People(r);
        var now = OnCallSchedule.WhoIsOnCall(plan, overrides, at);
        var next = now.ShiftEndUtc is { } end ? OnCallSchedule.WhoIsOnCall(plan, overrides, end) : null;
        return new RotationOnCallDto(
            r.Id,
            r.Level,
            r.Name,
            r.TimeZoneId,
            Find(people, now.PersonName),
            now.ShiftStartUtc,
            now.ShiftEndUtc,
            now.IsOverride,
            Find(people, next?.PersonName),
            next is null ? null : now.ShiftEndUtc,
            now.Warning ?? next?.Warning,
            r.ExternalScheduleUrl(links));
    }

    private static IEnumerable<ShiftDto> Shifts(OnCallRotation r, DateTimeOffset from, DateTimeOffset to)
    {
        var people = People(r);
        return OnCallSchedule.Shifts(r.ToPlan(), r.OverridePlans(), from, to)
            .Select(s => new ShiftDto(r.Level, r.Name, Find(people, s.PersonName), s.StartUtc, s.EndUtc, s.IsOverride, s.Warning));
    }

    /// <summary>Plans name people by reference; this maps them back for display.</summary>
    private static Dictionary<string, OnCallPersonDto> People(OnCallRotation r)
    {
        var people = new Dictionary<string, OnCallPersonDto>(StringComparer.Ordinal);
        foreach (var p in r.Participants.Select(x => x.Person).Concat(r.Overrides.Select(x => x.Person)))
        {
            people.TryAdd(p.Ref, OnCallPersonDto.From(p));
        }

        return people;
    }

    private static OnCallPersonDto? Find(Dictionary<string, OnCallPersonDto> people, string? reference) =>
        reference is not null && people.TryGetValue(reference, out var person) ? person : null;

    private static TeamRefDto TeamRef(Team t) => new(t.Name, t.Namespace, t.DisplayName);
}
