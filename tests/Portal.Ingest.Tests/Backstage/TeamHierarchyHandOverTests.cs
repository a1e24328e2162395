using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// A hand-over moves one record and changes no edge itself; the next run of either origin takes off the edge that
/// now joins two origins, with a notice and a <c>team.hierarchy.removed</c> audit entry (s13 review MED-3, LOW-5).
/// </summary>
public abstract class TeamHierarchyHandOverTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CatalogFile Lead = new("lead.yaml", Group("lead", children: "[team]"));

    private static readonly CatalogFile Team = new("team.yaml", Group("team"));

    private BackstageImporter Importer => new(Db.Factory);

    [Fact]
    public async Task HandOverChildThenParentsRun_ChildTakenOffNotedAndAudited()
    {
        await HandOverTeamAsync();

        var report = await Importer.ImportAsync([Lead, Team], "org", Admin, Ct);

        Assert.Contains(report.Notices, p => p.EntityRef == "group:default/lead"
            && p.Reason.StartsWith("team belongs to other/team.yaml#1, another origin", StringComparison.Ordinal)
            && p.Reason.EndsWith("taken off", StringComparison.Ordinal));
        Assert.Null(await ParentOfAsync("team"));
        await AssertRemovedOnceAsync();
    }

    [Fact]
    public async Task HandOverChildThenItsNewOriginRuns_ParentTakenOffNotedAndAudited()
    {
        await HandOverTeamAsync();

        var report = await Importer.ImportAsync([Team], "other", Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Contains(report.Notices, p => p.EntityRef == "group:default/team"
            && p.Reason.StartsWith("its parent lead belongs to org/lead.yaml#1, another origin", StringComparison.Ordinal)
            && p.Reason.EndsWith("taken off", StringComparison.Ordinal));
        Assert.Null(await ParentOfAsync("team"));
        await AssertRemovedOnceAsync();
    }

    /// <summary>lead and team imported together (linked), then team handed over to the import location other/team.yaml#1.</summary>
    private async Task HandOverTeamAsync()
    {
        await Importer.ImportAsync([Lead, Team], "org", Admin, Ct);
        Assert.Equal("lead", await ParentOfAsync("team"));
        var handOver = new CatalogHandOver(Db.Factory);
        var team = await handOver.FindAsync("group", "team", Ct);
        await handOver.HandOverAsync(Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator, new HandOverRequest("group", "team", DataSource.Import, "other/team.yaml#1", team.Version), Ct);

        // The hand-over itself changes no edge.
        Assert.Equal("lead", await ParentOfAsync("team"));
    }

    private async Task AssertRemovedOnceAsync()
    {
        await using var db = Db.CreateContext();
        var removed = await db.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.removed", Ct);
        Assert.Equal("team", removed.EntityKey);
        Assert.Contains("lead", removed.Before, StringComparison.Ordinal);
    }

    private async Task<string?> ParentOfAsync(string team)
    {
        await using var db = Db.CreateContext();
        return await db.Teams.Where(t => t.Name == team).Select(t => t.ParentTeam == null ? null : t.ParentTeam.Name).SingleAsync(Ct);
    }

    private static string Group(string name, string? children = null) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
          children: {children ?? "[]"}
        """;
}

public sealed class SqliteTeamHierarchyHandOverTests() : TeamHierarchyHandOverTests(TestProvider.Sqlite);

public sealed class PostgresTeamHierarchyHandOverTests() : TeamHierarchyHandOverTests(TestProvider.Postgres);
