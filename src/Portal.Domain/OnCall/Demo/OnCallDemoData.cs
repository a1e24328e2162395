using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Demo;
using Portal.Domain.Persistence;

namespace Portal.Domain.OnCall.Demo;

/// <summary>
/// The demo company's on-call rotations, overrides and borrowed pagers, from <c>OnCall/Demo/rotations.yaml</c>.
/// A rotation is added when its team has none of that name (its overrides only with it, so a second load on a
/// later day adds no second override); a service's on-call team is set only while it has none.
/// </summary>
public sealed class OnCallDemoData(IDbContextFactory<PortalDbContext> dbFactory) : IDemoData
{
    public int Order => 20;

    public string Name => "on-call rotations";

    public async Task<int> LoadAsync(DemoContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = DemoFile.Read<RotationsFile>(typeof(OnCallDemoData), "rotations.yaml");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.Where(t => t.Namespace == CatalogName.DefaultNamespace).ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, ct);
        var people = await db.People.Where(p => p.Namespace == CatalogName.DefaultNamespace).ToDictionaryAsync(p => p.Name, StringComparer.Ordinal, ct);
        var existing = (await db.OnCallRotations.Select(r => new { r.TeamId, r.Name }).ToListAsync(ct))
            .Select(r => (r.TeamId, r.Name)).ToHashSet();
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var changes = 0;

        foreach (var row in file.Rotations)
        {
            var team = Find(teams, row.Team, "team", row.Name);
            if (existing.Contains((team.Id, row.Name)))
            {
                continue;
            }

            var rotation = OnCallRotation.Create(
                team, row.Level, row.Name, row.Every, row.Unit, TimeOnly.Parse(row.Handoff, CultureInfo.InvariantCulture), row.TimeZone, monday.AddDays(-7 * row.StartWeeksAgo));
            rotation.SetParticipants(row.Participants.Select(p => Find(people, p, "person", row.Name)));
            if (row.PagerDuty is { } schedule)
            {
                rotation.LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, schedule);
            }

            foreach (var cover in row.Overrides)
            {
                var from = context.Now.UtcDateTime.Date.AddDays(cover.StartsInDays) + TimeOnly.Parse(cover.AtUtc, CultureInfo.InvariantCulture).ToTimeSpan();
                rotation.AddOverride(Find(people, cover.Person, "person", row.Name), from, from.AddHours(cover.Hours));
            }

            db.OnCallRotations.Add(rotation);
            changes++;
        }

        foreach (var cover in file.CoveredBy)
        {
            var service = await db.Services.FirstOrDefaultAsync(s => s.Namespace == CatalogName.DefaultNamespace && s.Name == cover.Service, ct)
                ?? throw new InvalidDataException($"rotations.yaml: coveredBy names service '{cover.Service}', which the demo catalog does not have.");
            if (service.OnCallTeamId is null)
            {
                service.AssignOnCall(Find(teams, cover.Team, "team", cover.Service));
                changes++;
            }
        }

        await db.SaveChangesAsync(ct);
        return changes;
    }

    private static T Find<T>(Dictionary<string, T> records, string name, string what, string where) =>
        records.TryGetValue(name, out var record)
            ? record
            : throw new InvalidDataException($"rotations.yaml: '{where}' names {what} '{name}', which the demo catalog does not have.");

    private sealed class RotationsFile
    {
        public List<RotationRow> Rotations { get; set; } = [];

        public List<CoverRow> CoveredBy { get; set; } = [];
    }

    private sealed class RotationRow
    {
        public string Team { get; set; } = "";

        public string Name { get; set; } = "";

        public OnCallLevel Level { get; set; }

        public int Every { get; set; } = 1;

        public ShiftUnit Unit { get; set; } = ShiftUnit.Weeks;

        public string Handoff { get; set; } = "09:00";

        public string TimeZone { get; set; } = "Etc/UTC";

        public int StartWeeksAgo { get; set; }

        public List<string> Participants { get; set; } = [];

        public string? PagerDuty { get; set; }

        public List<OverrideRow> Overrides { get; set; } = [];
    }

    private sealed class OverrideRow
    {
        public string Person { get; set; } = "";

        public int StartsInDays { get; set; }

        public string AtUtc { get; set; } = "00:00";

        public int Hours { get; set; }
    }

    private sealed class CoverRow
    {
        public string Service { get; set; } = "";

        public string Team { get; set; } = "";
    }
}
