using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// References that wait: a reference to something not in the catalog yet is kept as written, exported as written,
/// and linked when any source brings the target, so the order catalogs arrive in does not matter.
/// </summary>
public abstract class PendingReferencesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageImporter Importer => new(Db.Factory);

    private static string AllYaml => Path.Combine(Examples, "all.yaml");

    private static string OrgYaml => Path.Combine(Examples, "acme", "org.yaml");

    [Fact]
    public async Task ImportAsync_BackstageExamplesInAnyOrder_SameCatalogAndSameExport()
    {
        // all.yaml (components, APIs, systems, domains, resources) before acme/org.yaml (groups and users).
        await Importer.ImportAsync(AllYaml, Admin, Ct);
        var afterAll = await Importer.ImportAsync(OrgYaml, Admin, Ct);
        var allFirst = await new BackstageExporter(Db.Factory).ExportAsync(Ct);

        await using var orgFirstDb = await TestDatabase.CreateAsync(Provider);
        await new BackstageImporter(orgFirstDb.Factory).ImportAsync(OrgYaml, Admin, Ct);
        await new BackstageImporter(orgFirstDb.Factory).ImportAsync(AllYaml, Admin, Ct);
        var orgFirst = await new BackstageExporter(orgFirstDb.Factory).ExportAsync(Ct);

        // The whole folder at once, without the entity files no Location of all.yaml names (so they are not
        // part of "all.yaml then org.yaml"): two APIs, a component in another namespace, an invalid component.
        using var folder = TempCatalog.CopyOf(Examples);
        foreach (var unlisted in new[] { "apis/config-schema-api.yaml", "apis/petstore-31-api.yaml", "components/different-namespace.yaml", "components/invalid-component.yaml" })
        {
            File.Delete(folder.PathOf(unlisted));
        }

        await using var togetherDb = await TestDatabase.CreateAsync(Provider);
        await new BackstageImporter(togetherDb.Factory).ImportAsync(folder.Path, Admin, Ct);
        var together = await new BackstageExporter(togetherDb.Factory).ExportAsync(Ct);

        Assert.Empty(afterAll.Errors);
        Assert.Equal(Contents(together), Contents(allFirst));
        Assert.Equal(Contents(together), Contents(orgFirst));
        Assert.Equal(await SummaryAsync(togetherDb), await SummaryAsync(Db));
        Assert.Equal(await SummaryAsync(togetherDb), await SummaryAsync(orgFirstDb));
        await using var db = Db.CreateContext();
        var search = await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "wayback-search", Ct);
        Assert.Equal("team-a", search.OwnerTeam!.Name);
        var petstore = await db.Apis.Include(a => a.OwnerTeam).SingleAsync(a => a.Name == "petstore", Ct);
        Assert.Equal("team-c", petstore.OwnerTeam!.Name);
        // Owners still not teams: a group no file defines, and what Backstage's examples give to a person (two components, a domain).
        Assert.Equal(
            ["guest", "user:guest", "user:guest"],
            (await db.Services.Where(s => s.OwnerTeamId == null && s.OwnerRef != null).Select(s => s.OwnerRef!).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(["owner user:default/frank.tiernan"], await db.PendingReferences.Select(p => p.Field + " " + p.Target).ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_AllYamlAlone_OwnersKeptAsWrittenAndExported()
    {
        var report = await Importer.ImportAsync(AllYaml, Admin, Ct);

        Assert.Empty(report.Errors);
        await using var db = Db.CreateContext();
        var petstore = await db.Apis.SingleAsync(a => a.Name == "petstore", Ct);
        Assert.Null(petstore.OwnerTeamId);
        var waiting = await db.PendingReferences.SingleAsync(p => p.RecordId == petstore.Id, Ct);
        Assert.Equal(("owner", "group:default/team-c"), (waiting.Field, waiting.Target));
        var apis = (await new BackstageExporter(Db.Factory).ExportAsync(Ct)).Single(f => f.Path == "apis.yaml").Content;
        Assert.Contains("owner: team-c", apis, StringComparison.Ordinal);
        Assert.DoesNotContain("Left out: petstore", apis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_TargetsArriveFromAnotherOrigin_EveryKindOfReferenceLinkedAndAudited()
    {
        var first = await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);
        Assert.Empty(first.Errors);
        await using (var before = Db.CreateContext())
        {
            var billing = await before.Services.SingleAsync(s => s.Name == "billing", Ct);
            Assert.Equal((null, "payments-team", null), (billing.OwnerTeamId, billing.OwnerRef, billing.SystemId));
            Assert.Equal(
                ["consumesApis api:default/ledger-api", "dependsOn component:default/ledger", "dependsOn resource:default/billing-db", "memberOf group:default/payments-team", "system system:default/payments"],
                (await before.PendingReferences.Select(p => p.Field + " " + p.Target).ToListAsync(Ct)).Order(StringComparer.Ordinal));
            Assert.Contains(first.Notices, p => p.Reason.Contains("spec.system 'system:default/payments' is not in the catalog yet", StringComparison.Ordinal));
        }

        var second = await Importer.ImportAsync([new CatalogFile("platform.yaml", Platform)], "team-platform", Admin, Ct);

        Assert.Empty(second.Errors);
        await using var db = Db.CreateContext();
        var service = await db.Services.Include(s => s.OwnerTeam).Include(s => s.System).SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("payments-team", "payments"), (service.OwnerTeam!.Name, service.System!.Name));
        Assert.Equal(
            ["billing->billing-db", "billing->ledger"],
            (await db.Dependencies.Select(d => d.SourceService.Name + "->" + (d.TargetService != null ? d.TargetService.Name : d.TargetResource!.Name)).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.True(await db.ServiceApis.AnyAsync(r => r.ServiceId == service.Id && r.Api.Name == "ledger-api" && r.Relation == ApiRelation.Consumes, Ct));
        Assert.True(await db.TeamMemberships.AnyAsync(m => m.Person.Name == "frank" && m.Team.Name == "payments-team", Ct));
        Assert.Empty(await db.PendingReferences.ToListAsync(Ct));
        var links = await db.AuditEntries.Where(a => a.Action.EndsWith(".reference.link")).ToListAsync(Ct);
        Assert.Contains(links, a => a.EntityKey == "billing" && a.After!.Contains("system: payments", StringComparison.Ordinal));
        Assert.Contains(links, a => a.EntityKey == "frank" && a.Action == "person.reference.link");
        // The records stay their own origin's: linking is not a takeover.
        Assert.EndsWith("team-billing/billing.yaml#1", service.SourceLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SameFileAgainWhileTargetsWait_UnchangedAndStillWaiting()
    {
        await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var again = await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);

        Assert.Equal(0, again.Total.Created + again.Total.Updated);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
        await using var db = Db.CreateContext();
        Assert.Equal(5, await db.PendingReferences.CountAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_ReferenceDroppedFromItsFile_StopsWaiting()
    {
        await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);

        var report = await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing.Replace("  system: payments\n", "", StringComparison.Ordinal))], "team-billing", Admin, Ct);

        Assert.Contains(report.Records, r => r.Ref == "component:default/billing" && r.Fields.Contains("references not in the catalog yet"));
        await using var db = Db.CreateContext();
        Assert.DoesNotContain("system", await db.PendingReferences.Select(p => p.Field).ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_PersonAsOwner_AcceptedKeptAsAPersonAndExported()
    {
        const string yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: side-project
            spec:
              type: service
              lifecycle: experimental
              owner: user:frank.tiernan
            """;

        var report = await Importer.ImportAsync([new CatalogFile("side.yaml", yaml)], "people", Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Contains(report.Notices, p => p.Reason.Contains("is a person, not a team", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        var service = await db.Services.SingleAsync(s => s.Name == "side-project", Ct);
        Assert.Equal(("user:frank.tiernan", true), (service.OwnerRef, service.IsOwnedByPerson));
        var components = (await new BackstageExporter(Db.Factory).ExportAsync(Ct)).Single(f => f.Path == "components.yaml").Content;
        Assert.Contains("owner: user:frank.tiernan", components, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_MoreWaitingReferencesThanTheLimit_FirstKeptRestDroppedAndReported()
    {
        var importer = new BackstageImporter(Db.Factory, new SourceRules { MaxWaitingReferences = 3 });

        var report = await importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);

        var problem = Assert.Single(report.Errors);
        Assert.Equal("component:default/billing", problem.EntityRef);
        Assert.StartsWith("2 of 5 references not in the catalog yet were not kept, from this record on: one run keeps at most 3 (setting Catalog:Rules:MaxWaitingReferences)", problem.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(
            ["consumesApis api:default/ledger-api", "dependsOn component:default/ledger", "dependsOn resource:default/billing-db"],
            (await db.PendingReferences.Select(p => p.Field + " " + p.Target).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.True(await db.People.AnyAsync(p => p.Name == "frank", Ct));
    }

    [Fact]
    public async Task ExportThenImport_WaitingReferences_SameReferencesWaitInTheCopy()
    {
        await Importer.ImportAsync([new CatalogFile("billing.yaml", Billing)], "team-billing", Admin, Ct);
        var files = await new BackstageExporter(Db.Factory).ExportAsync(Ct);
        await using var fresh = await TestDatabase.CreateAsync(Provider);

        var report = await new BackstageImporter(fresh.Factory).ImportAsync(files, "copy", Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Equal(Contents(files), Contents(await new BackstageExporter(fresh.Factory).ExportAsync(Ct)));
        await using var copy = fresh.CreateContext();
        Assert.Equal(5, await copy.PendingReferences.CountAsync(Ct));
    }

    private const string Billing = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: billing
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          system: payments
          dependsOn: [component:ledger, resource:billing-db]
          consumesApis: [ledger-api]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: frank
        spec:
          memberOf: [payments-team]
        """;

    private const string Platform = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: payments-team
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata:
          name: payments
        spec:
          owner: payments-team
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          providesApis: [ledger-api]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: ledger-api
        spec:
          type: openapi
          lifecycle: production
          owner: payments-team
          definition: "openapi: 3.0.0"
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata:
          name: billing-db
        spec:
          type: database
          owner: payments-team
        """;

    private static List<string> Contents(IEnumerable<CatalogFile> files) => [.. files.Select(f => $"{f.Path}\n{f.Content}")];

    /// <summary>What the catalog holds, by name (ids differ between databases).</summary>
    private static async Task<List<string>> SummaryAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var lines = new List<string>();
        lines.AddRange(await db.Services.Select(s => $"service {s.Namespace}/{s.Name} owner={(s.OwnerTeam != null ? s.OwnerTeam.Name : s.OwnerRef)} system={(s.System != null ? s.System.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.Apis.Select(a => $"api {a.Name} owner={(a.OwnerTeam != null ? a.OwnerTeam.Name : null)} system={(a.System != null ? a.System.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.Systems.Select(s => $"system {s.Name} owner={(s.OwnerTeam != null ? s.OwnerTeam.Name : null)} domain={(s.Domain != null ? s.Domain.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.Domains.Select(d => $"domain {d.Name} owner={(d.OwnerTeam != null ? d.OwnerTeam.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.Resources.Select(r => $"resource {r.Name} owner={(r.OwnerTeam != null ? r.OwnerTeam.Name : null)} system={(r.System != null ? r.System.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.Teams.Select(t => $"team {t.Name} parent={(t.ParentTeam != null ? t.ParentTeam.Name : null)}").ToListAsync(Ct));
        lines.AddRange(await db.TeamMemberships.Select(m => $"member {m.Person.Namespace}/{m.Person.Name} of {m.Team.Name} as {m.Role}").ToListAsync(Ct));
        lines.AddRange(await db.ServiceApis.Select(r => $"api-relation {r.Service.Name} {r.Relation} {r.Api.Name}").ToListAsync(Ct));
        lines.AddRange(await db.Dependencies.Select(d => $"edge {d.SourceService.Name}->{(d.TargetService != null ? d.TargetService.Name : d.TargetResource!.Name)} {d.Kind}").ToListAsync(Ct));
        lines.AddRange(await db.PendingReferences.Select(p => $"waiting {p.RecordKind} {p.Field} {p.Target}").ToListAsync(Ct));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

public sealed class SqlitePendingReferencesTests() : PendingReferencesTests(TestProvider.Sqlite);

public sealed class PostgresPendingReferencesTests() : PendingReferencesTests(TestProvider.Postgres);
