using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

public abstract partial class BackstageImporterTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageImporter Importer => new(Db.Factory);

    [Fact]
    public async Task ImportAsync_RealExamples_ImportsExpectedCountsPerKind()
    {
        var report = await Importer.ImportAsync(Examples, Admin, Ct);

        Assert.Equal(new KindCounts(9, 0, 0, 0), report[BackstageKinds.Group]);
        Assert.Equal(new KindCounts(17, 0, 0, 0), report[BackstageKinds.User]);
        Assert.Equal(new KindCounts(3, 0, 0, 0), report[BackstageKinds.Domain]);
        Assert.Equal(new KindCounts(3, 0, 0, 0), report[BackstageKinds.System]);
        Assert.Equal(new KindCounts(1, 0, 0, 0), report[BackstageKinds.Resource]);
        Assert.Equal(new KindCounts(13, 0, 0, 0), report[BackstageKinds.Api]);
        Assert.Equal(new KindCounts(14, 0, 0, 1), report[BackstageKinds.Component]);
        await using var db = Db.CreateContext();
        Assert.Equal(14, await db.Services.CountAsync(Ct));
        Assert.Equal(17, await db.People.CountAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_RealExamples_InvalidComponentRejectedUnknownOwnerKeptAsWritten()
    {
        var report = await Importer.ImportAsync(Examples, Admin, Ct);

        var problem = Assert.Single(report.Errors, p => p.File == "components/invalid-component.yaml");
        Assert.Equal((1, "component:default/invalid component"), (problem.DocumentIndex, problem.EntityRef));
        Assert.Contains("may contain only letters, digits", problem.Reason, StringComparison.Ordinal);
        var unresolved = Assert.Single(report.Notices, p => p.File == "components/playback-order-component.yaml");
        Assert.Contains("owner 'group:default/guest' is not a group in the catalog yet", unresolved.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.True(await db.Services.AnyAsync(s => s.Name == "petstore", Ct));
        var order = await db.Services.SingleAsync(s => s.Name == "playback-order", Ct);
        Assert.Equal((null, "guest"), (order.OwnerTeamId, order.OwnerRef));
    }

    [Fact]
    public async Task ImportAsync_RealExamples_RecordsOwnersRelationsAndSource()
    {
        await Importer.ImportAsync(Examples, Admin, Ct);

        await using var db = Db.CreateContext();
        var search = await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "wayback-search", Ct);
        Assert.Equal("team-a", search.OwnerTeam!.Name);
        Assert.Equal((DataSource.Import, $"{Examples}/components/wayback-search-component.yaml#1"), (search.Source, search.SourceLocation));
        var derived = await db.Dependencies.Include(d => d.TargetService).SingleAsync(d => d.SourceServiceId == search.Id, Ct);
        Assert.Equal(("wayback-archive", InteractionKind.Unknown), (derived.TargetService!.Name, derived.Kind));
        var lookup = await db.Services.SingleAsync(s => s.Name == "artist-lookup", Ct);
        var toDb = await db.Dependencies.Include(d => d.TargetResource).SingleAsync(d => d.SourceServiceId == lookup.Id, Ct);
        Assert.Equal(("artists-db", ResourceAccess.ReadWrite), (toDb.TargetResource!.Name, toDb.Access));
        Assert.Equal(Lifecycle.Experimental, lookup.Lifecycle);
        Assert.Equal(["data", "java"], lookup.Tags);
        var teamA = await db.Teams.Include(t => t.ParentTeam).SingleAsync(t => t.Name == "team-a", Ct);
        Assert.Equal("backstage", teamA.ParentTeam!.Name);
        Assert.Equal(5, await db.TeamMemberships.CountAsync(m => m.TeamId == teamA.Id, Ct));
        Assert.Equal(3, await db.ServiceApis.CountAsync(r => r.Service.Name == "petstore" && r.Relation == ApiRelation.Provides, Ct));
        var guest = await db.People.SingleAsync(p => p.Namespace == "development" && p.Name == "guest", Ct);
        Assert.True(await db.TeamMemberships.AnyAsync(m => m.PersonId == guest.Id && m.TeamId == teamA.Id, Ct));
    }

    [Fact]
    public async Task ImportAsync_SameFilesTwice_SecondReportsAllUnchangedAndKeepsVersions()
    {
        await Importer.ImportAsync(Examples, Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var report = await Importer.ImportAsync(Examples, Admin, Ct);

        Assert.Equal((0, 0, 60, 1), (report.Total.Created, report.Total.Updated, report.Total.Unchanged, report.Total.Rejected));
        Assert.Equal(0, report.Total.SourceRecorded);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
    }

    [Fact]
    public async Task ImportAsync_RealAllYamlWithoutGroups_ImportedWhileOwnersAreNotInTheCatalogYet()
    {
        var report = await Importer.ImportAsync(Path.Combine(Examples, "all.yaml"), Admin, Ct);

        Assert.False(report.NothingImported);
        Assert.Equal(0, report[BackstageKinds.Group].Imported);
        Assert.Contains(report.Notices, p => p.File == "apis/petstore-api.yaml" && p.Reason.Contains("group:default/team-c", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.True(await db.Apis.AnyAsync(a => a.Name == "petstore", Ct));
    }

    [Fact]
    public async Task ImportAsync_OnlyUnknownKinds_NothingImportedWithNotices()
    {
        var report = await Importer.ImportAsync(Path.Combine(Examples, "ai-resources"), Admin, Ct);

        Assert.True(report.NothingImported);
        Assert.Equal(3, report.Notices.Count());
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task ImportAsync_ShopFixture_WritesEdgesApisInteractionsAndMemberships()
    {
        var report = await Importer.ImportAsync(Fixture("shop"), Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Equal(18, report.Total.Created);
        await using var db = Db.CreateContext();
        var edges = await db.Dependencies.Include(d => d.SourceService).Include(d => d.TargetService).Include(d => d.TargetResource).ToListAsync(Ct);
        string Name(Dependency d) => $"{d.SourceService.Ref}->{d.TargetService?.Ref ?? d.TargetResource!.Ref}";
        Assert.Equal(
            ["ops/ops-tool->payments", "orders->order-events", "orders->orders-db", "orders->payments", "web->orders"],
            edges.Select(Name).Order(StringComparer.Ordinal));
        var toPayments = edges.Single(d => Name(d) == "orders->payments");
        Assert.Equal(
            (InteractionKind.SyncHttp, 2000, 3, true, false, false, false, Criticality.High),
            (toPayments.Kind, toPayments.TimeoutMs, toPayments.Retries, toPayments.Backoff, toPayments.CircuitBreaker, toPayments.Fallback, toPayments.Bulkhead, toPayments.Criticality));
        var toEvents = edges.Single(d => Name(d) == "orders->order-events");
        Assert.Equal((InteractionKind.AsyncEvent, ResourceAccess.Write), (toEvents.Kind, toEvents.Access));
        Assert.Equal(InteractionKind.Unknown, edges.Single(d => Name(d) == "web->orders").Kind);
        var web = await db.Services.SingleAsync(s => s.Name == "web", Ct);
        Assert.Equal(("https://github.com/shop/web", 1), (web.RepositoryUrl, web.Tier));
        Assert.Equal("PWEB123", web.Annotations["pagerduty.com/service-id"]);
        var dave = await db.People.SingleAsync(p => p.Name == "dave", Ct);
        Assert.Equal(2, await db.TeamMemberships.CountAsync(m => m.PersonId == dave.Id, Ct));
        var checkout = await db.Teams.Include(t => t.ParentTeam).SingleAsync(t => t.Name == "checkout", Ct);
        Assert.Equal(("shop", "#checkout", "Checkout"), (checkout.ParentTeam!.Name, checkout.ContactChannel, checkout.Title));
        var tool = await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "ops-tool", Ct);
        Assert.Equal(("ops", "ops/ops-team"), (tool.Namespace, tool.OwnerTeam!.Ref));
        Assert.Equal("$text: ./payments.proto", (await db.Apis.SingleAsync(a => a.Name == "payments-api", Ct)).Definition);
        Assert.Contains(report.Notices, p => p.File == "all.yaml" && p.Reason.Contains("is a URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_BrokenFixtures_ValidEntitiesImportedAndEachProblemReported()
    {
        var report = await Importer.ImportAsync(Fixture("broken"), Admin, Ct);

        Assert.Equal(1, report[BackstageKinds.Group].Created);
        Assert.Equal(new KindCounts(3, 0, 0, 5), report[BackstageKinds.Component]);
        Assert.Equal(
            ["bad-api-version.yaml", "bad-syntax.yaml", "interactions.yaml", "invalid-name.yaml", "location.yaml", "missing-owner.yaml", "unknown-lifecycle.yaml"],
            report.Errors.Select(e => e.File));
        Assert.Contains("'group:default/nobody-team' is not a group in the catalog yet", report.Notices.Single(e => e.File == "unknown-owner.yaml").Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var edge = await db.Dependencies.SingleAsync(Ct);
        Assert.Equal((InteractionKind.SyncGrpc, 500, 1, Criticality.Medium), (edge.Kind, edge.TimeoutMs, edge.Retries, edge.Criticality));
    }

    private static string FirstDocument(string yaml) => yaml[..yaml.IndexOf("\n---", StringComparison.Ordinal)] + "\n";
}

public sealed class SqliteBackstageImporterTests() : BackstageImporterTests(TestProvider.Sqlite);

public sealed class PostgresBackstageImporterTests() : BackstageImporterTests(TestProvider.Postgres);
