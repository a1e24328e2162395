using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Backstage;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Locations outside the folder, batches, failures mid-import and phone annotations.</summary>
public abstract partial class BackstageImporterTests
{
    [Fact]
    public async Task ImportAsync_LocationClimbingAboveTheImportedFolder_SkippedWithANoticeAndNothingReadThere()
    {
        using var outside = TempCatalog.Empty();
        var folder = Directory.CreateDirectory(outside.PathOf("catalog")).FullName;
        await File.WriteAllTextAsync(outside.PathOf("secret.yaml"), """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: not-for-you
            spec:
              type: team
              children: []
            """, Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "all.yaml"), """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: climb
            spec:
              targets: [../secret.yaml, ./../../etc/passwd]
            """, Ct);

        var report = await Importer.ImportAsync(folder, Admin, Ct);

        Assert.Equal(2, report.Notices.Count(p => p.Reason.Contains("is outside the imported files", StringComparison.Ordinal)));
        await using var db = Db.CreateContext();
        Assert.False(await db.Teams.AnyAsync(t => t.Name == "not-for-you", Ct));
    }

    [Fact]
    public async Task ImportAsync_OneRowPerBatch_ImportsEverythingAndReimportsUnchanged()
    {
        var importer = new BackstageImporter(Db.Factory) { BatchSize = 1 };

        var first = await importer.ImportAsync(Examples, Admin, Ct);
        var before = await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true);
        var second = await importer.ImportAsync(Examples, Admin, Ct);

        Assert.Equal((60, 0, 0, 1), (first.Total.Created, first.Total.Updated, first.Total.Unchanged, first.Total.Rejected));
        Assert.Equal((0, 0, 60, 1), (second.Total.Created, second.Total.Updated, second.Total.Unchanged, second.Total.Rejected));
        Assert.Equal(before, await CatalogFingerprint.TakeAsync(Db, Ct, withVersions: true));
        await using var db = Db.CreateContext();
        var teamA = await db.Teams.Include(t => t.ParentTeam).SingleAsync(t => t.Name == "team-a", Ct);
        Assert.Equal("backstage", teamA.ParentTeam!.Name);
        Assert.Equal(5, await db.TeamMemberships.CountAsync(m => m.TeamId == teamA.Id, Ct));
    }

    [Fact]
    public async Task ImportAsync_FailsAfterBatchesWereSaved_WritesNothing()
    {
        var failing = new FailingSaves(failOnSave: 4);
        var importer = new BackstageImporter(new InterceptedFactory(Db, failing)) { BatchSize = 2 };

        await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(Fixture("shop"), Admin, Ct));

        Assert.Equal(4, failing.Saves);
        await using var db = Db.CreateContext();
        Assert.False(await db.Teams.AnyAsync(Ct));
        Assert.False(await db.People.AnyAsync(Ct));
        Assert.False(await db.Services.AnyAsync(Ct));
        Assert.False(await db.AuditEntries.AnyAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_UserWithPhoneAnnotation_PhoneStoredAndExportedBack()
    {
        var files = new[] { new CatalogFile("people.yaml", PhoneUsers("+44 20  7946 0101")) };

        var report = await Importer.ImportAsync(files, "phones", Admin, Ct);

        Assert.Empty(report.Errors);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal("+44 20 7946 0101", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
            Assert.Null((await db.People.SingleAsync(p => p.Name == "ben", Ct)).Phone);
        }

        var users = (await new BackstageExporter(Db.Factory).ExportAsync(Ct)).Single(f => f.Path == "users.yaml").Content;
        Assert.Contains("portal/phone: +44 20 7946 0101", users, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_UserWithoutPhoneLater_KeepsTheStoredNumber()
    {
        await Importer.ImportAsync([new CatalogFile("people.yaml", PhoneUsers("+44 20 7946 0101"))], "phones", Admin, Ct);

        var report = await Importer.ImportAsync([new CatalogFile("people.yaml", PhoneUsers(null))], "phones", Admin, Ct);

        Assert.Equal(0, report[BackstageKinds.User].Updated);
        await using var db = Db.CreateContext();
        Assert.Equal("+44 20 7946 0101", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
    }

    [Fact]
    public async Task ImportAsync_UserWithLettersInPhone_RejectedNamingTheAnnotation()
    {
        var report = await Importer.ImportAsync([new CatalogFile("people.yaml", PhoneUsers("call me"))], "phones", Admin, Ct);

        var problem = Assert.Single(report.Errors);
        Assert.Equal(("people.yaml", 2, "user:default/ada"), (problem.File, problem.DocumentIndex, problem.EntityRef));
        Assert.Contains("metadata.annotations.portal/phone:", problem.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.False(await db.People.AnyAsync(p => p.Name == "ada", Ct));
    }

    private static string PhoneUsers(string? phone) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: crew
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: ada
        {(phone is null ? "" : $"  annotations:\n    portal/phone: \"{phone}\"\n")}spec:
          profile:
            displayName: Ada Okafor
          memberOf: [crew]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: ben
        spec:
          memberOf: [crew]
        """;
}
