using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// The team hierarchy gives a team's members rights over its sub-teams' records, so a group may only join teams of
/// its own origin: <c>spec.children</c> or <c>spec.parent</c> naming another origin's team is a reported conflict
/// that changes nothing, whichever arrives first; and within one origin the hierarchy does not depend on file order.
/// </summary>
public abstract class TeamHierarchyOriginsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CatalogFile Payments = new("payments.yaml", Group("payments"));

    private static readonly CatalogFile ClaimsChild = new("intruder.yaml", Group("intruder", children: "[payments]"));

    private static readonly CatalogFile ClaimsParent = new("intruder.yaml", Group("intruder", parent: "payments"));

    [Fact]
    public async Task ImportAsync_ChildrenNamesAnotherOriginsTeam_ConflictInEitherOrderAndSameCatalog()
    {
        // The other origin's team first: the group arriving later lists it as a child.
        var payments = await ImportAsync(Db, Payments, "payments-owners");
        var intruder = await ImportAsync(Db, ClaimsChild, "intruders");
        await using var reversed = await TestDatabase.CreateAsync(Provider);
        var intruderFirst = await ImportAsync(reversed, ClaimsChild, "intruders");
        var paymentsLast = await ImportAsync(reversed, Payments, "payments-owners");

        Assert.Empty(payments.Errors);
        Assert.Contains(intruder.Errors, p => p.EntityRef == "group:default/intruder" && p.Reason.StartsWith("conflict: spec.children 'group:default/payments' belongs to payments-owners/payments.yaml#1", StringComparison.Ordinal));
        Assert.Empty(intruderFirst.Errors);
        Assert.Contains(paymentsLast.Errors, p => p.EntityRef == "group:default/payments" && p.Reason.StartsWith("conflict: intruder, which belongs to intruders/intruder.yaml#1 (another origin), lists it in spec.children", StringComparison.Ordinal));
        var summary = await SummaryAsync(Db);
        Assert.Equal(summary, await SummaryAsync(reversed));
        Assert.Contains("team payments parent=", summary);
        Assert.Contains("waiting intruder children group:default/payments", summary);
        Assert.Equal(Contents(await new BackstageExporter(Db.Factory).ExportAsync(Ct)), Contents(await new BackstageExporter(reversed.Factory).ExportAsync(Ct)));
        await using var db = reversed.CreateContext();
        var denied = await db.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.denied", Ct);
        Assert.Equal(("intruder", false), (denied.EntityKey, denied.Succeeded));
    }

    [Fact]
    public async Task ImportAsync_ParentNamesAnotherOriginsTeam_ConflictInEitherOrderAndSameCatalog()
    {
        var payments = await ImportAsync(Db, Payments, "payments-owners");
        var intruder = await ImportAsync(Db, ClaimsParent, "intruders");
        await using var reversed = await TestDatabase.CreateAsync(Provider);
        await ImportAsync(reversed, ClaimsParent, "intruders");
        var paymentsLast = await ImportAsync(reversed, Payments, "payments-owners");

        Assert.Empty(payments.Errors);
        Assert.Contains(intruder.Errors, p => p.EntityRef == "group:default/intruder" && p.Reason.StartsWith("conflict: spec.parent 'group:default/payments' belongs to payments-owners/payments.yaml#1", StringComparison.Ordinal));
        Assert.Contains(paymentsLast.Errors, p => p.EntityRef == "group:default/payments" && p.Reason.Contains("names it as spec.parent", StringComparison.Ordinal));
        var summary = await SummaryAsync(Db);
        Assert.Equal(summary, await SummaryAsync(reversed));
        Assert.Contains("team intruder parent=", summary);
        Assert.Contains("waiting intruder parent group:default/payments", summary);
    }

    [Fact]
    public async Task ImportAsync_SameConflictNextRun_NotedNotReportedOrAuditedAgain()
    {
        await ImportAsync(Db, Payments, "payments-owners");
        var first = await ImportAsync(Db, ClaimsChild, "intruders");

        var second = await ImportAsync(Db, ClaimsChild, "intruders");

        Assert.Contains(first.Errors, p => p.Reason.StartsWith("conflict: spec.children", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Errors, p => p.Reason.Contains("spec.children", StringComparison.Ordinal));
        Assert.Contains(second.Notices, p => p.EntityRef == "group:default/intruder" && p.Reason.Contains("reported as a conflict when first found", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "team.hierarchy.denied", Ct));
        Assert.Contains("waiting intruder children group:default/payments", await SummaryAsync(Db));
    }

    [Fact]
    public async Task ImportAsync_TargetsOriginRunsAgainAfterItsArrivalWasReported_OnlyNotes()
    {
        await ImportAsync(Db, ClaimsChild, "intruders");
        var arrival = await ImportAsync(Db, Payments, "payments-owners");

        var again = await ImportAsync(Db, Payments, "payments-owners");

        Assert.Contains(arrival.Errors, p => p.EntityRef == "group:default/payments" && p.Reason.StartsWith("conflict: intruder", StringComparison.Ordinal));
        Assert.Empty(again.Errors);
        Assert.Contains(again.Notices, p => p.EntityRef == "group:default/payments" && p.Reason.Contains("reported as a conflict when first found", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "team.hierarchy.denied", Ct));
    }

    [Fact]
    public async Task ImportAsync_TargetAdoptedByAnotherOrigin_ConflictReportedAndAuditedForTheNewOrigin()
    {
        await ImportAsync(Db, ClaimsChild, "intruders");
        await ImportAsync(Db, Payments, "first-owners");
        await ImportAsync(Db, new CatalogFile("other.yaml", Group("other")), "first-owners");

        // first-owners no longer defines payments (orphaned there); another import adopts it: a new origin, a new conflict.
        var adoption = await ImportAsync(Db, Payments, "new-owners");

        Assert.Contains(adoption.Notices, p => p.EntityRef == "group:default/payments" && p.Reason.StartsWith("adopted", StringComparison.Ordinal));
        Assert.Contains(adoption.Errors, p => p.EntityRef == "group:default/payments" && p.Reason.StartsWith("conflict: intruder", StringComparison.Ordinal));
        Assert.Contains("team payments parent=", await SummaryAsync(Db));
        await using var db = Db.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "team.hierarchy.denied", Ct));
    }

    [Theory]
    [InlineData("[payments]")]
    [InlineData("[]")]
    public async Task ImportAsync_ChildOfAnotherSourceLeftFromBeforeTheRule_IsTakenOffNotedAndAudited(string children)
    {
        await ImportAsync(Db, new CatalogFile("intruder.yaml", Group("intruder")), "intruders");
        await LegacyChildAsync("payments", under: "intruder");

        var report = await ImportAsync(Db, new CatalogFile("intruder.yaml", Group("intruder", children: children)), "intruders");

        Assert.Contains(report.Notices, p => p.EntityRef == "group:default/intruder" && p.Reason.Contains("payments", StringComparison.Ordinal) && p.Reason.EndsWith("taken off", StringComparison.Ordinal));
        Assert.Contains("team payments parent=", await SummaryAsync(Db));
        await using var check = Db.CreateContext();
        var removed = await check.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.removed", Ct);
        Assert.Equal("payments", removed.EntityKey);
        Assert.Contains("intruder", removed.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ChildOfAnotherImportScope_IsTakenOffNotedAndAudited()
    {
        // The same kind of source, but another scope: another origin, so the group's members lose no right they should have.
        await ImportAsync(Db, Payments, "payments-owners");
        await ImportAsync(Db, new CatalogFile("intruder.yaml", Group("intruder")), "intruders");
        await using (var db = Db.CreateContext())
        {
            var payments = await db.Teams.SingleAsync(t => t.Name == "payments", Ct);
            payments.SetParent(await db.Teams.SingleAsync(t => t.Name == "intruder", Ct));
            await db.SaveChangesAsync(Ct);
        }

        var report = await ImportAsync(Db, new CatalogFile("intruder.yaml", Group("intruder")), "intruders");

        Assert.Contains(report.Notices, p => p.EntityRef == "group:default/intruder"
            && p.Reason.StartsWith("payments belongs to payments-owners/payments.yaml#1, another origin", StringComparison.Ordinal)
            && p.Reason.EndsWith("taken off", StringComparison.Ordinal));
        Assert.Contains("team payments parent=", await SummaryAsync(Db));
        await using var check = Db.CreateContext();
        Assert.Equal("payments", (await check.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.removed", Ct)).EntityKey);
    }

    [Fact]
    public async Task ImportAsync_ChildWhoseFileDidNotParseThisTime_IsLeftWhereItIs()
    {
        var lead = new CatalogFile("lead.yaml", Group("lead"));
        await ImportAsync(Db, [lead, new CatalogFile("team.yaml", Group("team", parent: "lead"))], "org");
        Assert.Contains("team team parent=lead", await SummaryAsync(Db));

        // team.yaml has a typo this time: the run cannot tell whose the team is, so it neither orphans nor moves it.
        var report = await ImportAsync(Db, [lead, new CatalogFile("team.yaml", "kind: Group\nmetadata: [unclosed\n")], "org");

        Assert.NotEmpty(report.Errors);
        Assert.DoesNotContain(report.Notices, p => p.Reason.EndsWith("taken off", StringComparison.Ordinal));
        Assert.Contains("team team parent=lead", await SummaryAsync(Db));
        await using var check = Db.CreateContext();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == "team.hierarchy.removed", Ct));
    }

    /// <summary>A team made in Portal (another source) placed under <paramref name="under"/>, as imports before the origin rule could.</summary>
    private async Task LegacyChildAsync(string name, string under)
    {
        await using var db = Db.CreateContext();
        var child = new Portal.Domain.Catalog.Team(name);
        child.SetParent(await db.Teams.SingleAsync(t => t.Name == under, Ct));
        db.Teams.Add(child);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task ImportAsync_OneOriginInAnyFileOrder_SameHierarchy()
    {
        // Two groups list the same child; the child names no parent. Read in either order, the first by reference wins.
        CatalogFile[] files =
        [
            new("b.yaml", Group("platform-b", children: "[shared]")),
            new("a.yaml", Group("platform-a", children: "[shared]")),
            new("shared.yaml", Group("shared")),
            new("lead.yaml", Group("lead", children: "[platform-a, platform-b]")),
        ];

        var report = await new BackstageImporter(Db.Factory).ImportAsync(files, "org", Admin, Ct);
        await using var reversed = await TestDatabase.CreateAsync(Provider);
        await new BackstageImporter(reversed.Factory).ImportAsync([.. files.Reverse()], "org", Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Contains(report.Notices, p => p.EntityRef == "group:default/platform-b" && p.Reason.Contains("also listed by platform-a", StringComparison.Ordinal));
        var summary = await SummaryAsync(Db);
        Assert.Equal(summary, await SummaryAsync(reversed));
        Assert.Contains("team shared parent=platform-a", summary);
        Assert.Contains("team platform-b parent=lead", summary);
    }

    private static Task<ImportReport> ImportAsync(TestDatabase database, CatalogFile file, string scope) =>
        ImportAsync(database, [file], scope);

    private static Task<ImportReport> ImportAsync(TestDatabase database, IReadOnlyList<CatalogFile> files, string scope) =>
        new BackstageImporter(database.Factory).ImportAsync(files, scope, Admin, Ct);

    private static string Group(string name, string? parent = null, string? children = null) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
        {(parent is null ? "" : $"  parent: {parent}\n")}  children: {children ?? "[]"}
        """;

    private static List<string> Contents(IEnumerable<CatalogFile> files) => [.. files.Select(f => $"{f.Path}\n{f.Content}")];

    private static async Task<List<string>> SummaryAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var lines = await db.Teams.Select(t => $"team {t.Name} parent={(t.ParentTeam != null ? t.ParentTeam.Name : null)}").ToListAsync(Ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, Ct);
        lines.AddRange((await db.PendingReferences.ToListAsync(Ct)).Select(p => $"waiting {teams[p.RecordId]} {p.Field} {p.Target}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

public sealed class SqliteTeamHierarchyOriginsTests() : TeamHierarchyOriginsTests(TestProvider.Sqlite);

public sealed class PostgresTeamHierarchyOriginsTests() : TeamHierarchyOriginsTests(TestProvider.Postgres);
