using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Demo;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Demo;

/// <summary>
/// The demo company's technical debt and capacity, from <c>Debt/Demo/debt.yaml</c>, written through the same
/// <see cref="DebtCommands"/> and <see cref="CapacityCommands"/> people use (validated, scored and audited). An item is
/// added only if no item has its title yet (its reports of pain only with it); capacity only where the team has no
/// figures for that quarter. It loads after last quarter's review, so that review's frozen numbers stay as they were.
/// </summary>
public sealed class DebtDemoData(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores) : IDemoData
{
    public int Order => 110;

    public string Name => "debt items and capacity";

    public async Task<int> LoadAsync(DemoContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = DemoFile.Read<DebtFile>(typeof(DebtDemoData), "debt.yaml");
        var now = context.Now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Dictionary<string, string> people;
        HashSet<string> titles;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            people = await db.People.Where(p => p.Namespace == CatalogName.DefaultNamespace)
                .Select(p => new { p.Name, p.DisplayName }).ToDictionaryAsync(p => p.Name, p => p.DisplayName, StringComparer.Ordinal, ct);
            titles = (await db.DebtItems.Select(i => i.Title).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var changes = 0;
        foreach (var row in file.Items.Where(r => !titles.Contains(r.Title)))
        {
            var quarter = row.Quarter is null ? (Quarter?)null : QuarterOf(row.Quarter, today, row.Title);

            // An item done in an earlier quarter is recorded as done then: its commands run on a clock at that quarter's middle.
            var at = row.Status == "done" && quarter is { } q && q.CompareTo(Quarter.Of(today)) < 0
                ? new DateTimeOffset(q.Start.AddDays(45).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero)
                : now;
            var commands = new DebtCommands(dbFactory, scores, new FixedClock(at));
            var (id, _) = await commands.CreateAsync(Actor.System, Edit(row, quarter, today), allowDuplicate: true, ct);
            changes++;
            var current = new DebtCommands(dbFactory, scores, new FixedClock(now));
            foreach (var report in row.Reports)
            {
                var author = new Actor(report.By, Find(people, report.By, row.Title), PortalRole.Viewer, new HashSet<Guid>());
                await current.AddReportAsync(author, id, new NewDebtReport(today.AddDays(-report.DaysAgo), report.Hours, report.Note, report.Incident), ct);
                changes++;
            }
        }

        var capacity = new CapacityCommands(dbFactory);
        foreach (var row in file.Capacity)
        {
            var quarter = QuarterOf(row.Quarter, today, row.Team);
            if (await HasCapacityAsync(row.Team, quarter, ct))
            {
                continue;
            }

            var mode = DebtEnums.Parse<DebtAllocationMode>(row.Mode, "mode");
            await capacity.SetAsync(Actor.System, row.Team, quarter, new CapacityEdit(row.People, row.WorkingDays, row.DebtSharePercent, mode), null, ct);
            changes++;
        }

        return changes;
    }

    private static DebtItemEdit Edit(ItemRow row, Quarter? quarter, DateOnly today)
    {
        if (!ScalingSignals.TryParse(row.Signal, out var signal))
        {
            throw new InvalidDataException($"debt.yaml: '{row.Title}' names signal '{row.Signal}', which is not one of the seven.");
        }

        return new DebtItemEdit(
            row.Title,
            row.Description,
            row.Services,
            null,
            signal,
            DebtEnums.Parse<DebtKind>(row.Kind, "kind"),
            DebtEnums.Parse<DebtQuadrant>(row.Quadrant, "quadrant"),
            row.Likelihood,
            row.Impact,
            row.Effort,
            null,
            row.PayBackInDays is { } days ? today.AddDays(days) : null,
            DebtEnums.Parse<DebtStatus>(row.Status, "status"),
            quarter?.ToString(),
            row.WontFixReason,
            row.RevisitInDays is { } revisit ? today.AddDays(revisit) : null,
            row.Outcome,
            []);
    }

    private async Task<bool> HasCapacityAsync(string team, Quarter quarter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = quarter.ToString();
        return await db.TeamCapacities.AnyAsync(c => c.Quarter == q && c.Team!.Name == team && c.Team.Namespace == CatalogName.DefaultNamespace, ct);
    }

    private static Quarter QuarterOf(string word, DateOnly today, string what)
    {
        var current = Quarter.Of(today);
        return word switch
        {
            "previous" => current.Previous,
            "this" => current,
            "next" => current.Next,
            "later" => current.Next.Next,
            _ => throw new InvalidDataException($"debt.yaml: '{what}' has quarter '{word}'; use previous, this, next or later."),
        };
    }

    private static string Find(Dictionary<string, string> people, string name, string title) =>
        people.TryGetValue(name, out var display)
            ? display
            : throw new InvalidDataException($"debt.yaml: a report on '{title}' is by '{name}', whom the demo catalog does not have.");

    /// <summary>A clock stopped at one instant, so an item recorded as done last quarter says so.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    private sealed class DebtFile
    {
        public List<CapacityRow> Capacity { get; set; } = [];

        public List<ItemRow> Items { get; set; } = [];
    }

    private sealed class CapacityRow
    {
        public string Team { get; set; } = "";

        public string Quarter { get; set; } = "this";

        public double People { get; set; }

        public int WorkingDays { get; set; }

        public double DebtSharePercent { get; set; } = TeamCapacity.DefaultDebtSharePercent;

        public string Mode { get; set; } = "every-sprint";
    }

    private sealed class ItemRow
    {
        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public List<string> Services { get; set; } = [];

        public string Signal { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Quadrant { get; set; } = "";

        public int Likelihood { get; set; }

        public int Impact { get; set; }

        public double Effort { get; set; }

        public string Status { get; set; } = "proposed";

        public string? Quarter { get; set; }

        public int? PayBackInDays { get; set; }

        public string? WontFixReason { get; set; }

        public int? RevisitInDays { get; set; }

        public string? Outcome { get; set; }

        public List<ReportRow> Reports { get; set; } = [];
    }

    private sealed class ReportRow
    {
        public int DaysAgo { get; set; }

        public double Hours { get; set; }

        public string By { get; set; } = "";

        public string? Note { get; set; }

        public string? Incident { get; set; }
    }
}
