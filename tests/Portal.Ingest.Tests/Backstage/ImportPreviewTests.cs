using Microsoft.EntityFrameworkCore;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

public abstract class ImportPreviewTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private const string Team = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: crew
          description: The crew.
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: engine
          title: Engine
        spec:
          type: service
          lifecycle: production
          owner: crew
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageImporter Importer => new(Db.Factory);

    private static CatalogFile[] Files(string yaml) => [new CatalogFile("crew.yaml", yaml)];

    [Fact]
    public async Task PreviewAsync_NewFiles_ReportsEveryRecordAndWritesNothing()
    {
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var preview = await Importer.PreviewSentFilesAsync(Files(Team), "upload", Admin, Ct);

        Assert.False(preview.Applied);
        Assert.Equal(
            [("group:default/crew", RecordChangeKind.Created), ("component:default/engine", RecordChangeKind.Created)],
            preview.Records.Select(r => (r.Ref, r.Change)));
        Assert.Equal(1, preview[BackstageKinds.Component].Created);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
        await using var db = Db.CreateContext();
        Assert.False(await db.Teams.AnyAsync(Ct));
        Assert.False(await db.AuditEntries.AnyAsync(Ct));
    }

    [Fact]
    public async Task PreviewAsync_ChangedFile_NamesTheChangedFieldsAndTheOrphan()
    {
        await Importer.ImportSentFilesAsync(Files(Team), "upload", Admin, Ct);
        var changed = Team.Replace("description: The crew.", "description: The whole crew.", StringComparison.Ordinal);
        changed = changed[..changed.IndexOf("\n---", StringComparison.Ordinal)];

        var preview = await Importer.PreviewSentFilesAsync(Files(changed), "upload", Admin, Ct);

        var crew = Assert.Single(preview.Records, r => r.Ref == "group:default/crew");
        Assert.Equal(RecordChangeKind.Updated, crew.Change);
        Assert.Equal(["title/description"], crew.Fields);
        Assert.Equal(RecordChangeKind.Orphaned, Assert.Single(preview.Records, r => r.Ref == "component:default/engine").Change);
        await using var db = Db.CreateContext();
        Assert.Equal("The crew.", (await db.Teams.SingleAsync(Ct)).Description);
        Assert.False((await db.Services.SingleAsync(Ct)).IsOrphaned);
    }

    [Fact]
    public async Task ApplyAsync_AsPreviewed_WritesExactlyWhatThePreviewShowed()
    {
        var preview = await Importer.PreviewSentFilesAsync(Files(Team), "upload", Admin, Ct);

        var report = await Importer.ApplySentFilesAsync(Files(Team), "upload", preview, Admin, Ct);

        Assert.True(report.Applied);
        Assert.False(report.ChangedSincePreview);
        Assert.Equal(preview.Records.Select(r => r.Signature), report.Records.Select(r => r.Signature));
        await using var db = Db.CreateContext();
        Assert.Equal("crew", (await db.Services.Include(s => s.OwnerTeam).SingleAsync(Ct)).OwnerTeam!.Name);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == BackstageImporter.AuditAction, Ct));
    }

    [Fact]
    public async Task ApplyAsync_CatalogChangedSincePreview_WritesNothingAndReturnsTheNewPreview()
    {
        var preview = await Importer.PreviewSentFilesAsync(Files(Team), "upload", Admin, Ct);
        var team = Team[..Team.IndexOf("\n---", StringComparison.Ordinal)];
        await Importer.ImportAsync([new CatalogFile("other.yaml", team)], "elsewhere", Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);

        var report = await Importer.ApplySentFilesAsync(Files(Team), "upload", preview, Admin, Ct);

        Assert.False(report.Applied);
        Assert.True(report.ChangedSincePreview);
        Assert.NotEqual(RecordChangeKind.Created, Assert.Single(report.Records, r => r.Ref == "group:default/crew").Change);
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_SameFieldChangedByAnotherApplySincePreview_WritesNothing()
    {
        await Importer.ImportSentFilesAsync(Files(Team), "upload", Admin, Ct);
        var mine = Team.Replace("description: The crew.", "description: Mine.", StringComparison.Ordinal);
        var theirs = Team.Replace("description: The crew.", "description: Theirs.", StringComparison.Ordinal);
        var myPreview = await Importer.PreviewSentFilesAsync(Files(mine), "upload", Admin, Ct);
        var theirPreview = await Importer.PreviewSentFilesAsync(Files(theirs), "upload", Admin, Ct);
        Assert.True((await Importer.ApplySentFilesAsync(Files(theirs), "upload", theirPreview, Admin, Ct)).Applied);

        var report = await Importer.ApplySentFilesAsync(Files(mine), "upload", myPreview, Admin, Ct);

        Assert.True(report.ChangedSincePreview);
        await using var db = Db.CreateContext();
        Assert.Equal("Theirs.", (await db.Teams.SingleAsync(Ct)).Description);
    }

    [Fact]
    public async Task PreviewAsync_Editor_RefusedAndAudited()
    {
        var editor = new Actor("tomas", "Tomás", PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<Portal.Domain.Common.ForbiddenException>(() => Importer.PreviewSentFilesAsync(Files(Team), "upload", editor, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == BackstageImporter.AuditAction + ".denied", Ct));
    }
}

public sealed class SqliteImportPreviewTests() : ImportPreviewTests(TestProvider.Sqlite);

public sealed class PostgresImportPreviewTests() : ImportPreviewTests(TestProvider.Postgres);
