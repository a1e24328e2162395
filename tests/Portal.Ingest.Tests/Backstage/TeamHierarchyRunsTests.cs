using Microsoft.EntityFrameworkCore;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// The team hierarchy does not depend on how one origin's files are grouped into runs (s13 review MED-2): a run that
/// cannot see the other team's definition (its file did not parse, or was not part of this import or send) leaves the
/// edge as it is, with no conflict; files imported one at a time from a folder, the whole folder, or its files in one
/// send end the same.
/// </summary>
public abstract class TeamHierarchyRunsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Actor Alice = new("alice", "Alice Admin", PortalRole.Admin, new HashSet<Guid>());

    private const string Broken = "kind: Group\nmetadata: [unclosed\n";

    private static readonly CatalogFile Lead = new("lead.yaml", Group("lead", children: "[team]"));

    private static readonly CatalogFile Team = new("team.yaml", Group("team"));

    [Fact]
    public async Task ImportAsync_ParentFileBrokenThatListedTheChild_ChildStaysWithoutConflictOrAudit()
    {
        await ImportAsync([Lead, Team]);
        Assert.Contains("team team parent=lead", await SummaryAsync(Db));

        var report = await ImportAsync([new CatalogFile("lead.yaml", Broken), Team]);

        AssertLeftAlone(report, "group:default/team");
        Assert.Contains("team team parent=lead", await SummaryAsync(Db));
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task ImportAsync_ParentFileBrokenThatTheChildNames_ChildStaysWithoutConflictAuditOrWaitingRow()
    {
        var team = new CatalogFile("team.yaml", Group("team", parent: "lead"));
        await ImportAsync([new CatalogFile("lead.yaml", Group("lead")), team]);

        var report = await ImportAsync([new CatalogFile("lead.yaml", Broken), team]);

        AssertLeftAlone(report, "group:default/team");
        var summary = await SummaryAsync(Db);
        Assert.Contains("team team parent=lead", summary);
        Assert.DoesNotContain(summary, l => l.StartsWith("waiting", StringComparison.Ordinal));
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task ImportAsync_ChildFileBrokenThatTheGroupLists_EdgeStaysWithoutConflictOrWaitingRow()
    {
        await ImportAsync([Lead, Team]);

        var report = await ImportAsync([Lead, new CatalogFile("team.yaml", Broken)]);

        AssertLeftAlone(report, "group:default/lead");
        var summary = await SummaryAsync(Db);
        Assert.Contains("team team parent=lead", summary);
        Assert.DoesNotContain(summary, l => l.StartsWith("waiting", StringComparison.Ordinal));
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task ImportSentFilesAsync_ChildFileAloneAfterBoth_ChangesNothing()
    {
        // One send is one origin: the two files of the first send link their teams; the second send cannot see
        // lead's definition, so it leaves the edge as it is (no conflict, no audit).
        var both = await Importer(Db).ImportSentFilesAsync([Lead, Team], "upload", Alice, Ct);
        var before = await SummaryAsync(Db);

        var alone = await Importer(Db).ImportSentFilesAsync([Team], "upload", Alice, Ct);

        Assert.Empty(both.Errors);
        Assert.Contains("team team parent=lead", before);
        Assert.DoesNotContain(before, l => l.StartsWith("waiting", StringComparison.Ordinal));
        AssertLeftAlone(alone, "group:default/team");
        Assert.Contains(alone.Notices, p => p.Reason.Contains("its file was not part of this send", StringComparison.Ordinal));
        Assert.Equal(before, await SummaryAsync(Db));
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task ImportSentFilesAsync_ParentFileAloneNoLongerListsTheChild_EdgeStaysWithANotice()
    {
        // s16 review MED: the child's own file (not in this send) may name lead as its parent, so the edge stays;
        // the run must say so instead of leaving it without a word.
        await Importer(Db).ImportSentFilesAsync([Lead, Team], "upload", Alice, Ct);

        var alone = await Importer(Db).ImportSentFilesAsync([new CatalogFile("lead.yaml", Group("lead"))], "upload", Alice, Ct);

        Assert.Contains("team team parent=lead", await SummaryAsync(Db));
        Assert.Contains(alone.Notices, p => p.EntityRef == "group:default/lead"
            && p.Reason.Contains("team stays a sub-team of lead although spec.children no longer lists it", StringComparison.Ordinal));
        Assert.DoesNotContain(alone.Errors, p => p.Reason.StartsWith("conflict", StringComparison.Ordinal));
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task ImportAsync_ParentFileAloneFromAFolder_ThenBothFiles_TakesTheChildOff()
    {
        // One file on the command line keeps the edge (with the notice); importing both files takes it off.
        var folder = Directory.CreateTempSubdirectory("portal-hierarchy-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "lead.yaml"), Lead.Content);
            File.WriteAllText(Path.Combine(folder, "team.yaml"), Team.Content);
            await Importer(Db).ImportAsync(folder, Admin, Ct);
            File.WriteAllText(Path.Combine(folder, "lead.yaml"), Group("lead"));

            var alone = await Importer(Db).ImportAsync(Path.Combine(folder, "lead.yaml"), Admin, Ct);
            Assert.Contains("team team parent=lead", await SummaryAsync(Db));
            Assert.Contains(alone.Notices, p => p.Reason.Contains("team stays a sub-team of lead although", StringComparison.Ordinal));

            var both = await Importer(Db).ImportAsync(folder, Admin, Ct);
            Assert.Contains("team team parent=", await SummaryAsync(Db));
            Assert.DoesNotContain(both.Notices, p => p.Reason.Contains("stays a sub-team", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ImportSentFilesAsync_AcmeFilesInOneSend_HierarchyLinkedWithoutConflicts_SameAsTheFolder()
    {
        var acme = Path.Combine(Examples, "acme");
        var files = ReadDirectory(acme);
        Assert.True(files.Count > 5, "the acme folder has one file per group");

        var sent = await Importer(Db).ImportSentFilesAsync(files, "upload", Alice, Ct);
        await using var folderDb = await TestDatabase.CreateAsync(Provider);
        var imported = await Importer(folderDb).ImportAsync(acme, Admin, Ct);

        Assert.Empty(sent.Errors);
        Assert.DoesNotContain(sent.Notices, p => p.Reason.Contains("another origin", StringComparison.Ordinal) || p.Reason.Contains("left as it is", StringComparison.Ordinal));
        var summary = await SummaryAsync(Db);
        Assert.Contains("team team-a parent=backstage", summary);
        Assert.Contains("team infrastructure parent=acme-corp", summary);
        Assert.Contains("team backstage parent=infrastructure", summary);
        Assert.Equal(await SummaryAsync(folderDb), summary);
        Assert.Empty(imported.Errors);
        await AssertNoHierarchyAuditAsync(Db);
    }

    [Fact]
    public async Task Import_LeadThenTeam_TeamThenLead_OrBoth_SameHierarchyFromAFolderOrFromSends()
    {
        using var folder = TempCatalog.Empty();
        await File.WriteAllTextAsync(folder.PathOf("lead.yaml"), Lead.Content, Ct);
        await File.WriteAllTextAsync(folder.PathOf("team.yaml"), Team.Content, Ct);
        string[] leadFirst = [folder.PathOf("lead.yaml"), folder.PathOf("team.yaml")];
        await using var teamFirstDb = await TestDatabase.CreateAsync(Provider);
        await using var wholeFolderDb = await TestDatabase.CreateAsync(Provider);

        foreach (var path in leadFirst)
        {
            await Importer(Db).ImportAsync(path, Admin, Ct);
        }

        foreach (var path in leadFirst.Reverse())
        {
            await Importer(teamFirstDb).ImportAsync(path, Admin, Ct);
        }

        await Importer(wholeFolderDb).ImportAsync(folder.Path, Admin, Ct);

        // Re-importing one file of the folder afterwards is the same origin: nothing moves.
        var again = await Importer(wholeFolderDb).ImportAsync(folder.PathOf("team.yaml"), Admin, Ct);

        var summary = await SummaryAsync(Db);
        Assert.Contains("team team parent=lead", summary);
        Assert.DoesNotContain(summary, l => l.StartsWith("waiting", StringComparison.Ordinal));
        Assert.Equal(summary, await SummaryAsync(teamFirstDb));
        Assert.Equal(summary, await SummaryAsync(wholeFolderDb));
        Assert.Empty(again.Errors);

        // Sent files: one send is one origin, like the folder. Two sends cannot tell whether the other's teams belong
        // with theirs: the edge is not made and not a conflict, the reference kept as written, in either order; sending
        // both together then links them as the folder does.
        await using var sentLeadFirst = await TestDatabase.CreateAsync(Provider);
        await using var sentTeamFirst = await TestDatabase.CreateAsync(Provider);
        await using var sentTogether = await TestDatabase.CreateAsync(Provider);
        var reports = new List<ImportReport>
        {
            await Importer(sentLeadFirst).ImportSentFilesAsync([Lead], "api", Alice, Ct),
            await Importer(sentLeadFirst).ImportSentFilesAsync([Team], "api", Alice, Ct),
            await Importer(sentTeamFirst).ImportSentFilesAsync([Team], "api", Alice, Ct),
            await Importer(sentTeamFirst).ImportSentFilesAsync([Lead], "api", Alice, Ct),
            await Importer(sentTogether).ImportSentFilesAsync([Lead, Team], "api", Alice, Ct),
        };

        Assert.All(reports, r => Assert.Empty(r.Errors));
        var apart = await SummaryAsync(sentLeadFirst);
        Assert.Contains("team team parent=", apart);
        Assert.Contains("waiting lead children group:default/team", apart);
        Assert.Equal(apart, await SummaryAsync(sentTeamFirst));
        Assert.Equal(summary, await SummaryAsync(sentTogether));
        await AssertNoHierarchyAuditAsync(sentLeadFirst);
        await AssertNoHierarchyAuditAsync(sentTeamFirst);

        await Importer(sentLeadFirst).ImportSentFilesAsync([Lead, Team], "api", Alice, Ct);
        await Importer(sentTeamFirst).ImportSentFilesAsync([Lead, Team], "api", Alice, Ct);
        Assert.Equal(summary, await SummaryAsync(sentLeadFirst));
        Assert.Equal(summary, await SummaryAsync(sentTeamFirst));
    }

    private static void AssertLeftAlone(ImportReport report, string entityRef)
    {
        Assert.DoesNotContain(report.Errors, p => p.Reason.StartsWith("conflict", StringComparison.Ordinal));
        Assert.Contains(report.Notices, p => p.EntityRef == entityRef && p.Reason.Contains("left as it is", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Notices, p => p.Reason.EndsWith("taken off", StringComparison.Ordinal));
    }

    private static async Task AssertNoHierarchyAuditAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action.StartsWith("team.hierarchy."), Ct));
    }

    private Task<ImportReport> ImportAsync(IReadOnlyList<CatalogFile> files) => Importer(Db).ImportAsync(files, "org", Admin, Ct);

    private static BackstageImporter Importer(TestDatabase database) => new(database.Factory);

    private static string Group(string name, string? parent = null, string? children = null) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
        {(parent is null ? "" : $"  parent: {parent}\n")}  children: {children ?? "[]"}
        """;

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

public sealed class SqliteTeamHierarchyRunsTests() : TeamHierarchyRunsTests(TestProvider.Sqlite);

public sealed class PostgresTeamHierarchyRunsTests() : TeamHierarchyRunsTests(TestProvider.Postgres);
