using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Records made elsewhere: people's edits, other uploads, owners in the database, permissions and the audit.</summary>
public abstract partial class BackstageImporterTests
{
    [Fact]
    public async Task ImportAsync_OverIdenticalManualRecord_UnchangedAndStillPeoples()
    {
        await using (var db = Db.CreateContext())
        {
            db.Teams.Add(new Team("fixers"));
            await db.SaveChangesAsync(Ct);
        }

        var report = await Importer.ImportAsync(Path.Combine(Fixture("broken"), "team.yaml"), Admin, Ct);

        Assert.Equal(new KindCounts(0, 0, 1, 0), report[BackstageKinds.Group]);
        Assert.Empty(report.Errors);
        await using var check = Db.CreateContext();
        var team = await check.Teams.SingleAsync(Ct);
        Assert.Equal((DataSource.Manual, null), (team.Source, team.SourceLocation));
    }

    [Fact]
    public async Task ImportAsync_OverDifferentManualRecord_ConflictReportedAndRecordUnchanged()
    {
        await using (var db = Db.CreateContext())
        {
            var team = new Team("fixers", "Fixers by hand");
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
        }

        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var report = await Importer.ImportAsync(Path.Combine(Fixture("broken"), "team.yaml"), Admin, Ct);

        Assert.Equal(new KindCounts(0, 0, 0, 1), report[BackstageKinds.Group]);
        var conflict = Assert.Single(report.Errors);
        Assert.Equal(("team.yaml", "group:default/fixers"), (conflict.File, conflict.EntityRef));
        Assert.Contains("conflict: group:default/fixers belongs to people editing it in Portal; this definition differs (title/description)", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
        await using var check = Db.CreateContext();
        var denied = await check.AuditEntries.SingleAsync(a => a.Action == "team.update.denied", Ct);
        Assert.False(denied.Succeeded);
    }

    [Fact]
    public async Task ImportAsync_AnotherUploadDefinesTheSameEntityDifferently_ConflictAndTheFirstKeepsIt()
    {
        var files = ReadDirectory(Fixture("shop"));
        await Importer.ImportAsync(files, "upload:shop", Admin, Ct);
        var changed = files.Select(f => f.Path == "apis.yaml" ? f with { Content = f.Content.Replace("description: Create and read orders.", "description: Someone else's orders.", StringComparison.Ordinal) } : f).ToList();

        var report = await Importer.ImportAsync(changed, "upload:other", Admin, Ct);

        var conflict = Assert.Single(report.Errors, e => e.EntityRef == "api:default/orders-api");
        Assert.Contains("belongs to upload:shop/apis.yaml#1", conflict.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var api = await db.Apis.SingleAsync(a => a.Name == "orders-api", Ct);
        Assert.Equal(("Create and read orders.", "upload:shop/apis.yaml#1"), (api.Description, api.SourceLocation));
    }

    [Fact]
    public async Task ImportAsync_OwnerOnlyInDatabase_Resolves()
    {
        await using (var db = Db.CreateContext())
        {
            db.Teams.Add(new Team("nobody-team"));
            await db.SaveChangesAsync(Ct);
        }

        var file = new CatalogFile("adopted.yaml", await File.ReadAllTextAsync(Path.Combine(Fixture("broken"), "unknown-owner.yaml"), Ct));
        var report = await Importer.ImportAsync([file], "upload", Admin, Ct);

        Assert.Equal(new KindCounts(1, 0, 0, 0), report[BackstageKinds.Component]);
        await using var check = Db.CreateContext();
        var service = await check.Services.Include(s => s.OwnerTeam).SingleAsync(Ct);
        Assert.Equal(("nobody-team", "upload/adopted.yaml#1"), (service.OwnerTeam!.Name, service.SourceLocation));
    }

    [Fact]
    public async Task ImportAsync_UploadedFiles_FollowsLocationsAmongThemAndScopesOrphans()
    {
        var files = ReadDirectory(Fixture("shop"));
        await Importer.ImportAsync(files, "upload:shop", Admin, Ct);

        var report = await Importer.ImportAsync([.. files.Where(f => f.Path != "apis.yaml")], "upload:shop", Admin, Ct);

        Assert.Equal(2, report[BackstageKinds.Api].Orphaned);
        Assert.Contains(report.Errors, p => p.File == "all.yaml" && p.Reason.Contains("apis.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_NonAdmin_ForbiddenAndNothingWritten()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Importer.ImportAsync(Fixture("shop"), Editor, Ct));

        await using var db = Db.CreateContext();
        Assert.False(await db.Teams.AnyAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("catalog.import.denied", false, "erin"), (audit.Action, audit.Succeeded, audit.Actor));
    }

    [Fact]
    public async Task ImportAsync_Import_RecordsOneSummaryAndAnEntryPerRecordWritten()
    {
        await Importer.ImportAsync(Fixture("shop"), Admin, Ct);

        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == BackstageImporter.AuditAction, Ct);
        Assert.Equal(("system", Fixture("shop")), (audit.Actor, audit.EntityKey));
        Assert.Contains("\"Component\":{\"created\":4,", audit.After, StringComparison.Ordinal);
        var created = await db.AuditEntries.Where(a => a.Action == "service.create").ToListAsync(Ct);
        Assert.Equal(4, created.Count);
        Assert.All(created, a => Assert.Equal(("system", null), (a.Actor, a.Before)));
        Assert.Contains(created, a => a.EntityKey == "web" && a.After!.Contains("\"sourceLocation\":", StringComparison.Ordinal));
    }
}
