using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Ingest.Backstage;
using Portal.Ingest.Demo;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

public abstract class BackstageRoundTripTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageExporter Exporter => new(Db.Factory);

    private BackstageImporter Importer => new(Db.Factory);

    [Fact]
    public async Task ExportAsync_DemoData_OneFilePerKindAndALocationNamingThem()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);

        var files = await Exporter.ExportAsync(Ct);

        Assert.Equal([.. BackstageExporter.KindFileNames, BackstageExporter.LocationFileName], files.Select(f => f.Path));
        var read = BackstageCatalogReader.Read(files);
        Assert.Empty(read.Problems);
        Assert.Equal(9, read.Entities.Count(e => e.Key.Kind == BackstageKinds.Group));
        Assert.Equal(38, read.Entities.Count(e => e.Key.Kind == BackstageKinds.Component));
    }

    [Fact]
    public async Task ExportAsync_UnownedServices_LeftOutAndNamedInAComment()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);

        var components = (await Exporter.ExportAsync(Ct)).Single(f => f.Path == "components.yaml").Content;

        Assert.Contains("# Left out: csv-importer (no owning team)", components, StringComparison.Ordinal);
        Assert.DoesNotContain("name: csv-importer", components, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_EdgeWithKnownSettings_WritesInteractionsExtension()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);

        var read = BackstageCatalogReader.Read(await Exporter.ExportAsync(Ct));

        var portal = read.Entities.OfType<BackstageComponent>().Single(c => c.Key.Name == "pay-portal");
        var toGateway = Assert.Single(portal.Interactions, i => i.Target.Name == "api-gateway");
        Assert.Equal((InteractionKind.SyncHttp, 3000, 3), (toGateway.Kind, toGateway.TimeoutMs, toGateway.Retries));
        var reporting = read.Entities.OfType<BackstageComponent>().Single(c => c.Key.Name == "reporting");
        Assert.Equal(ResourceAccess.Read, Assert.Single(reporting.Interactions, i => i.Target.Name == "payments-db").Access);
    }

    [Fact]
    public async Task ExportThenImport_DemoData_AllUnchangedAndContentIdentical()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct);
        using var export = TempCatalog.Empty();
        await Exporter.ExportToDirectoryAsync(export.Path, Ct);

        var report = await Importer.ImportAsync(export.Path, Admin, Ct);

        Assert.Empty(report.Problems);
        Assert.Equal((0, 0, 0), (report.Total.Created, report.Total.Updated, report.Total.Rejected));
        Assert.Equal(9 + 30 + 2 + 6 + 8 + 7 + 38, report.Total.Unchanged);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct));
        await using var db = Db.CreateContext();
        // No takeover: the records stay the demo's; the export only described them as they are.
        Assert.Equal(DataSource.Demo, (await db.Services.SingleAsync(s => s.Name == "payments", Ct)).Source);
        Assert.Equal(DataSource.Demo, (await db.Services.SingleAsync(s => s.Name == "csv-importer", Ct)).Source);
    }

    [Fact]
    public async Task ExportThenImport_Twice_SecondImportWritesNothing()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);
        using var export = TempCatalog.Empty();
        await Exporter.ExportToDirectoryAsync(export.Path, Ct);
        await Importer.ImportAsync(export.Path, Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var report = await Importer.ImportAsync(export.Path, Admin, Ct);

        Assert.Equal((0, 0), (report.Total.Updated, report.Total.SourceRecorded));
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
    }

    [Fact]
    public async Task ExportThenImport_RealExamples_AllUnchangedAndContentIdentical()
    {
        await Importer.ImportAsync(Examples, Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct);
        using var export = TempCatalog.Empty();
        await Exporter.ExportToDirectoryAsync(export.Path, Ct);

        var report = await Importer.ImportAsync(export.Path, Admin, Ct);

        Assert.Empty(report.Errors);
        Assert.Equal((0, 0, 0, 60), (report.Total.Created, report.Total.Updated, report.Total.Rejected, report.Total.Unchanged));
        Assert.Equal(0, report.Total.Orphaned);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct));
    }

    [Fact]
    public async Task ExportThenImport_DemoDataIntoEmptyDatabase_SameCatalogAndEdges()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            var owner = await db.Teams.SingleAsync(t => t.Name == "billing-squad", Ct);
            foreach (var unowned in await db.Services.Where(s => s.OwnerTeamId == null).ToListAsync(Ct))
            {
                unowned.AssignOwner(owner);
            }

            await db.SaveChangesAsync(Ct);
        }

        var files = await Exporter.ExportAsync(Ct);
        await using var fresh = await TestDatabase.CreateAsync(Provider);

        var report = await new BackstageImporter(fresh.Factory).ImportAsync(files, "demo-export", Admin, Ct);

        Assert.Empty(report.Problems);
        var again = await new BackstageExporter(fresh.Factory).ExportAsync(Ct);
        Assert.Equal(
            files.Where(f => f.Path != "components.yaml").Select(f => f.Content),
            again.Where(f => f.Path != "components.yaml").Select(f => f.Content));

        // The demo is itself imported from catalog files, so a copy imported from its export has the same edges.
        await using var original = Db.CreateContext();
        await using var copy = fresh.CreateContext();
        Assert.Equal((await EdgesAsync(original)).Order(StringComparer.Ordinal), (await EdgesAsync(copy)).Order(StringComparer.Ordinal));
        Assert.Equal(1, (await copy.Services.SingleAsync(s => s.Name == "payments", Ct)).Tier);
    }

    private static async Task<List<string>> EdgesAsync(PortalDbContext db) =>
        await db.Dependencies.Select(d => d.SourceService.Name + "->" + (d.TargetService != null ? d.TargetService.Name : d.TargetResource!.Name))
            .ToListAsync(TestContext.Current.CancellationToken);
}

public sealed class SqliteBackstageRoundTripTests() : BackstageRoundTripTests(TestProvider.Sqlite);

public sealed class PostgresBackstageRoundTripTests() : BackstageRoundTripTests(TestProvider.Postgres);
