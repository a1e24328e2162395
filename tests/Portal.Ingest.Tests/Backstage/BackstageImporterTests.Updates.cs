using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Ingest.Backstage;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Importing again: orphans, changed fields and edges.</summary>
public abstract partial class BackstageImporterTests
{
    [Fact]
    public async Task ImportAsync_EntityRemovedFromFile_MarkedOrphanedNotDeleted()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        await File.WriteAllTextAsync(catalog.PathOf("components/payments.yaml"), FirstDocument(await File.ReadAllTextAsync(catalog.PathOf("components/payments.yaml"), Ct)), Ct);

        var report = await Importer.ImportAsync(catalog.Path, Admin, Ct);

        Assert.Equal(1, report[BackstageKinds.Component].Orphaned);
        Assert.Equal(3, report[BackstageKinds.Component].Unchanged);
        await using var db = Db.CreateContext();
        var tool = await db.Services.SingleAsync(s => s.Name == "ops-tool", Ct);
        Assert.True(tool.IsOrphaned);
        Assert.False(await db.Services.AnyAsync(s => s.IsOrphaned && s.Name != "ops-tool", Ct));
    }

    [Fact]
    public async Task ImportAsync_OrphanReappears_UpdatedAndNoLongerOrphaned()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        var original = await File.ReadAllTextAsync(catalog.PathOf("components/payments.yaml"), Ct);
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        await File.WriteAllTextAsync(catalog.PathOf("components/payments.yaml"), FirstDocument(original), Ct);
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        await File.WriteAllTextAsync(catalog.PathOf("components/payments.yaml"), original, Ct);

        var report = await Importer.ImportAsync(catalog.Path, Admin, Ct);

        Assert.Equal((1, 0), (report[BackstageKinds.Component].Updated, report[BackstageKinds.Component].Orphaned));
        await using var db = Db.CreateContext();
        Assert.False((await db.Services.SingleAsync(s => s.Name == "ops-tool", Ct)).IsOrphaned);
    }

    [Fact]
    public async Task ImportAsync_FileBecomesInvalidYaml_ItsEntitiesAreNotOrphaned()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        await File.AppendAllTextAsync(catalog.PathOf("components/payments.yaml"), "  oops: [\n", Ct);

        var report = await Importer.ImportAsync(catalog.Path, Admin, Ct);

        Assert.Equal(0, report.Total.Orphaned);
        Assert.Contains(report.Errors, p => p.File == "components/payments.yaml" && p.Reason.StartsWith("not valid YAML at line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ImportingOneFileOfAFolder_DoesNotOrphanTheOthers()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        await Importer.ImportAsync(catalog.Path, Admin, Ct);

        var report = await Importer.ImportAsync(catalog.PathOf("org.yaml"), Admin, Ct);

        Assert.Equal(0, report.Total.Orphaned);
        Assert.Equal(8, report.Total.Unchanged);
    }

    [Fact]
    public async Task ImportAsync_ChangedField_ReportsUpdatedAndRaisesVersion()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        var path = catalog.PathOf("components/payments.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, Ct)).Replace("Takes the money.", "Takes the money, safely.", StringComparison.Ordinal), Ct);

        var report = await Importer.ImportAsync(catalog.Path, Admin, Ct);

        Assert.Equal(new KindCounts(0, 1, 3, 0), report[BackstageKinds.Component]);
        await using var db = Db.CreateContext();
        var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
        Assert.Equal(("Takes the money, safely.", 1), (payments.Description, payments.Version));
        Assert.Equal(0, (await db.Services.SingleAsync(s => s.Name == "web", Ct)).Version);
    }

    [Fact]
    public async Task ImportAsync_DependsOnRemoved_ImportedEdgeRemovedButManualEdgeKept()
    {
        using var catalog = TempCatalog.CopyOf(Fixture("shop"));
        await Importer.ImportAsync(catalog.Path, Admin, Ct);
        await using (var db = Db.CreateContext())
        {
            var tool = await db.Services.SingleAsync(s => s.Name == "ops-tool", Ct);
            var web = await db.Services.SingleAsync(s => s.Name == "web", Ct);
            db.Dependencies.Add(Dependency.ToService(tool, web, InteractionKind.SyncHttp));
            await db.SaveChangesAsync(Ct);
        }

        var path = catalog.PathOf("components/payments.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, Ct)).Replace("  dependsOn: [component:default/payments]\n", "", StringComparison.Ordinal), Ct);
        var report = await Importer.ImportAsync(catalog.Path, Admin, Ct);

        Assert.Equal(1, report[BackstageKinds.Component].Updated);
        await using var check = Db.CreateContext();
        var remaining = await check.Dependencies.Include(d => d.TargetService).Where(d => d.SourceService.Name == "ops-tool").ToListAsync(Ct);
        Assert.Equal("web", Assert.Single(remaining).TargetService!.Name);
    }

    [Fact]
    public async Task ImportAsync_DerivedEdgeDeletedByPerson_NotCreatedAgain()
    {
        await Importer.ImportAsync(Fixture("shop"), Admin, Ct);
        await using (var db = Db.CreateContext())
        {
            db.Dependencies.Remove(await db.Dependencies.SingleAsync(d => d.SourceService.Name == "web", Ct));
            await db.SaveChangesAsync(Ct);
        }

        var report = await Importer.ImportAsync(Fixture("shop"), Admin, Ct);

        Assert.Equal(0, report.Total.Updated);
        await using var check = Db.CreateContext();
        Assert.False(await check.Dependencies.AnyAsync(d => d.SourceService.Name == "web", Ct));
    }
}
