using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// A consumer of an API gets an edge to each provider of it however the two sides arrive: the consumer (with the
/// API) first, the provider first, or both together end in the same catalog and the same export; and the edge a
/// later arrival makes is audited on the consumer with its relations before and after.
/// </summary>
public abstract class ApiEdgesInAnyOrderTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CatalogFile BillingFile = new("billing.yaml", """
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
        kind: Component
        metadata:
          name: billing
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          consumesApis: [ledger-api]
        """);

    private static readonly CatalogFile LedgerFile = new("ledger.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          providesApis: [ledger-api]
        """);

    [Fact]
    public async Task ImportAsync_ConsumerAndProviderInAnyOrder_SameEdgesAndSameExport()
    {
        await ImportAsync(Db, BillingFile, "billing");
        var providerLast = await ImportAsync(Db, LedgerFile, "ledger");
        await using var providerFirst = await TestDatabase.CreateAsync(Provider);
        await ImportAsync(providerFirst, LedgerFile, "ledger");
        await ImportAsync(providerFirst, BillingFile, "billing");
        await using var together = await TestDatabase.CreateAsync(Provider);
        await new BackstageImporter(together.Factory).ImportAsync([BillingFile, LedgerFile], "all", Admin, Ct);

        Assert.Empty(providerLast.Errors);
        var expected = await SummaryAsync(together);
        Assert.Contains("edge billing->ledger Unknown", expected);
        Assert.Equal(expected, await SummaryAsync(Db));
        Assert.Equal(expected, await SummaryAsync(providerFirst));
        var export = Contents(await new BackstageExporter(together.Factory).ExportAsync(Ct));
        Assert.Equal(export, Contents(await new BackstageExporter(Db.Factory).ExportAsync(Ct)));
        Assert.Equal(export, Contents(await new BackstageExporter(providerFirst.Factory).ExportAsync(Ct)));

        // The consumer's record stays its own origin's; the edge the provider's arrival made is audited on it.
        await using var db = Db.CreateContext();
        var link = await db.AuditEntries.SingleAsync(a => a.Action == "service.reference.link" && a.EntityKey == "billing", Ct);
        Assert.DoesNotContain("component:ledger", link.Before!, StringComparison.Ordinal);
        Assert.Contains("\"dependsOn\":[\"component:ledger\"]", link.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ServiceRelationsChangedBySource_AuditedBeforeAndAfter()
    {
        await ImportAsync(Db, BillingFile, "billing");
        await ImportAsync(Db, LedgerFile, "ledger");

        await ImportAsync(Db, BillingFile with { Content = BillingFile.Content.Replace("consumesApis: [ledger-api]", "consumesApis: []", StringComparison.Ordinal) }, "billing");

        await using var db = Db.CreateContext();
        var update = await db.AuditEntries.SingleAsync(a => a.Action == "service.update" && a.EntityKey == "billing", Ct);
        Assert.Contains("\"consumesApis\":[\"api:ledger-api\"]", update.Before!, StringComparison.Ordinal);
        Assert.Contains("\"dependsOn\":[\"component:ledger\"]", update.Before!, StringComparison.Ordinal);
        Assert.Contains("\"consumesApis\":[],\"dependsOn\":[]", update.After!, StringComparison.Ordinal);
    }

    private static Task<ImportReport> ImportAsync(TestDatabase database, CatalogFile file, string scope) =>
        new BackstageImporter(database.Factory).ImportAsync([file], scope, Admin, Ct);

    private static List<string> Contents(IEnumerable<CatalogFile> files) => [.. files.Select(f => $"{f.Path}\n{f.Content}")];

    private static async Task<List<string>> SummaryAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var lines = await db.ServiceApis.Select(r => $"api-relation {r.Service.Name} {r.Relation} {r.Api.Name}").ToListAsync(Ct);
        lines.AddRange(await db.Dependencies.Select(d => $"edge {d.SourceService.Name}->{(d.TargetService != null ? d.TargetService.Name : d.TargetResource!.Name)} {d.Kind}").ToListAsync(Ct));
        lines.AddRange(await db.PendingReferences.Select(p => $"waiting {p.RecordKind} {p.Field} {p.Target}").ToListAsync(Ct));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

public sealed class SqliteApiEdgesInAnyOrderTests() : ApiEdgesInAnyOrderTests(TestProvider.Sqlite);

public sealed class PostgresApiEdgesInAnyOrderTests() : ApiEdgesInAnyOrderTests(TestProvider.Postgres);
