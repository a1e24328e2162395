using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// Waiting references follow the record's current source: a manual edit keeps those of fields it leaves empty and
/// clears those of fields it sets; a hand-over to another location drops the old source's; an orphaned record's go
/// with its definition, so none of them is linked later on behalf of a source that no longer speaks for the record.
/// </summary>
public abstract class WaitingReferencesFollowSourceTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageImporter Importer => new(Db.Factory);

    [Fact]
    public async Task ManualEdit_OwnerAndSystemLeftEmpty_StillWaitingAndLinkedWhenTheyArrive()
    {
        await ImportAsync(Billing, "billing");

        await new ServiceCommands(Db.Factory).UpdateAsync(Admin, "billing", Edit(system: null), await VersionAsync(), Ct);

        var (service, waiting) = await BillingAsync();
        Assert.Equal(("payments-team", DataSource.Manual), (service.OwnerRef, service.Source));
        Assert.Equal(["dependsOn component:default/ledger", "system system:default/payments"], waiting);
        await ImportAsync(Platform, "platform");
        (service, waiting) = await BillingAsync();
        Assert.Equal(("payments-team", "payments"), (service.OwnerTeam?.Name, service.System?.Name));
        Assert.Empty(waiting);
    }

    [Fact]
    public async Task ManualEdit_SystemSetByHand_WaitingSystemCleared()
    {
        await ImportAsync(Billing, "billing");
        await ImportAsync(new CatalogFile("checkout.yaml", System("checkout")), "checkout");

        await new ServiceCommands(Db.Factory).UpdateAsync(Admin, "billing", Edit(system: "checkout"), await VersionAsync(), Ct);
        await ImportAsync(Platform, "platform");

        var (service, waiting) = await BillingAsync();
        Assert.Equal("checkout", service.System?.Name);
        Assert.DoesNotContain(waiting, w => w.StartsWith("system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandOverToAnotherLocation_OldSourcesWaitingReferencesDroppedAndAudited()
    {
        await ImportAsync(Billing, "billing");

        await new CatalogHandOver(Db.Factory).HandOverAsync(Admin, new HandOverRequest("component", "billing", DataSource.Import, "elsewhere/billing.yaml#1", await VersionAsync()), Ct);
        await ImportAsync(Platform, "platform");

        var (service, waiting) = await BillingAsync();
        Assert.Equal((null, null, null), (service.OwnerTeamId, service.OwnerRef, service.SystemId));
        Assert.Empty(waiting);
        await using var db = Db.CreateContext();
        Assert.False(await db.Dependencies.AnyAsync(d => d.SourceServiceId == service.Id, Ct));
        var handOver = await db.AuditEntries.SingleAsync(a => a.Action == "service.handover", Ct);
        Assert.Contains("\"waiting\":[\"dependsOn: component:default/ledger\",\"owner: payments-team\",\"system: system:default/payments\"]", handOver.Before!, StringComparison.Ordinal);
        Assert.Contains("\"waiting\":[]", handOver.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceDropsTheRecord_ItsWaitingReferencesGoAndNothingLinksToTheOrphan()
    {
        await ImportAsync(Billing, "billing");

        var report = await ImportAsync(new CatalogFile("checkout.yaml", System("checkout")), "billing");
        await ImportAsync(Platform, "platform");

        Assert.Equal(1, report.Kinds["Component"].Orphaned);
        var (service, waiting) = await BillingAsync();
        Assert.True(service.IsOrphaned);
        Assert.Equal((null, null), (service.OwnerTeamId, service.SystemId));
        Assert.Empty(waiting);
    }

    private Task<ImportReport> ImportAsync(CatalogFile file, string scope) => Importer.ImportAsync([file], scope, Admin, Ct);

    private async Task<int> VersionAsync()
    {
        await using var db = Db.CreateContext();
        return (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Version;
    }

    private async Task<(Service Service, List<string> Waiting)> BillingAsync()
    {
        await using var db = Db.CreateContext();
        var service = await db.Services.Include(s => s.OwnerTeam).Include(s => s.System).SingleAsync(s => s.Name == "billing", Ct);
        var waiting = await db.PendingReferences.Where(p => p.RecordId == service.Id).Select(p => p.Field + " " + p.Target).ToListAsync(Ct);
        return (service, [.. waiting.Order(StringComparer.Ordinal)]);
    }

    private static ServiceEdit Edit(string? system) =>
        new("Billing", "Takes the money", "service", 2, Lifecycle.Production, null, system, null, [], []);

    private static string System(string name) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata:
          name: {name}
        spec:
          owner: payments-team
        """;

    private static readonly CatalogFile Billing = new("billing.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: billing
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          system: payments
          dependsOn: [component:ledger]
        """);

    private static readonly CatalogFile Platform = new("platform.yaml", """
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
        """);
}

public sealed class SqliteWaitingReferencesFollowSourceTests() : WaitingReferencesFollowSourceTests(TestProvider.Sqlite);

public sealed class PostgresWaitingReferencesFollowSourceTests() : WaitingReferencesFollowSourceTests(TestProvider.Postgres);
