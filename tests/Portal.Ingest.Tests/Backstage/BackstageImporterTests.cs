using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

public abstract class BackstageImporterTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
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

    private static string FirstDocument(string yaml) => yaml[..yaml.IndexOf("\n---", StringComparison.Ordinal)] + "\n";
}

/// <summary>Throws on the <c>failOnSave</c>-th SaveChanges of any context it is attached to, as a lost connection would.</summary>
internal sealed class FailingSaves(int failOnSave) : SaveChangesInterceptor
{
    public int Saves { get; private set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saves++;
        return Saves == failOnSave
            ? throw new InvalidOperationException($"save {Saves} failed on purpose")
            : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>Contexts on the test database with an interceptor added.</summary>
internal sealed class InterceptedFactory(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>(database.Options()).AddInterceptors(interceptor).Options);
}

public sealed class SqliteBackstageImporterTests() : BackstageImporterTests(TestProvider.Sqlite);

public sealed class PostgresBackstageImporterTests() : BackstageImporterTests(TestProvider.Postgres);
