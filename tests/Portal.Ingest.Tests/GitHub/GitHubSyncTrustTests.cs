using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// What a repository may not do: define who belongs to a team (source rules), or take over a record another
/// location defined (no takeover). Both are reported on the run; nothing changes.
/// </summary>
public abstract class GitHubSyncTrustTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private const string Escalation = """
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: mallory
        spec:
          profile:
            email: mallory@example.com
          memberOf: [payments]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: payments
        spec:
          type: team
          children: []
          members: [mallory]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: side-project
        spec:
          type: service
          lifecycle: experimental
          owner: payments
        """;

    private FakeGitHubServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeOrg Org => _server!.State.Org("acme");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await FakeGitHubServer.StartAsync(SmallOrg.Create(), Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_RepositoryDeclaresAUserInATeamAndAGroup_NoMembershipChangesAndTheRunSaysWhy()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        Org.AddRepo("innocent-looking", r => r.SetFile("catalog-info.yaml", Escalation));

        var run = await harness.RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        var errors = (await harness.ErrorsAsync(run, Ct)).Where(e => e.Repository == "acme/innocent-looking").ToList();
        Assert.Contains(errors, e => e.Message.Contains("(user:default/mallory): a User may not come from a repository's catalog file", StringComparison.Ordinal)
            && e.Message.Contains("Catalog:Rules:Repositories", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("(group:default/payments): a Group may not come from a repository's catalog file", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.False(await db.People.AnyAsync(p => p.Name == "mallory", Ct));
        var payments = await db.Teams.Include(t => t.Memberships).ThenInclude(m => m.Person).SingleAsync(t => t.Name == "payments", Ct);
        Assert.Equal(["carol"], payments.Memberships.Select(m => m.Person.Name));
        Assert.Equal(DataSource.GitHub, payments.Source);
        Assert.StartsWith("github-team:", payments.SourceLocation, StringComparison.Ordinal);

        // What a repository may define still comes in.
        Assert.True(await db.Services.AnyAsync(s => s.Name == "side-project", Ct));
    }

    [Fact]
    public async Task RunAsync_UserARepositoryMadeBeforeTheSourceRules_OrphanedAndItsMembershipsRemovedAudited()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        await using (var seed = Db.CreateContext())
        {
            // What an earlier version let the repository write: mallory, in a team people made in Portal (the
            // team sync already removes anyone GitHub does not list from the teams it syncs).
            var mallory = new Portal.Domain.Catalog.Person("mallory", "Mallory", "mallory@example.com");
            mallory.RecordSource(DataSource.GitHub, "github:acme/innocent-looking/catalog-info.yaml#1");
            var guild = new Portal.Domain.Catalog.Team("release-guild");
            guild.AddMember(mallory);
            seed.AddRange(mallory, guild);
            await seed.SaveChangesAsync(Ct);
        }

        Org.AddRepo("innocent-looking", r => r.SetFile("catalog-info.yaml", Escalation));

        await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        var person = await db.People.Include(p => p.Memberships).SingleAsync(p => p.Name == "mallory", Ct);
        Assert.True(person.IsOrphaned);
        Assert.Empty(person.Memberships);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "person.orphan" && a.EntityKey == "mallory", Ct);
        Assert.Equal("github:acme/innocent-looking", audit.Actor);
        Assert.Contains("\"memberOf\":[\"release-guild:Member\"]", audit.Before!, StringComparison.Ordinal);
        Assert.Contains("\"memberOf\":[]", audit.After!, StringComparison.Ordinal);
        Assert.Empty(await db.TeamMemberships.Where(m => m.Team.Name == "release-guild").ToListAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_RepositoryRedefinesAnotherRepositorysComponent_ConflictReportedRecordUnchanged()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        Org.AddRepo("copycat", r => r.SetFile("catalog-info.yaml", SmallOrg.BillingCatalog
            .Replace("Sends invoices", "Now mine", StringComparison.Ordinal)
            .Replace("owner: payments", "owner: platform", StringComparison.Ordinal)));

        var run = await harness.RunAsync(Ct);

        var conflict = Assert.Single(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme/copycat");
        Assert.Equal("catalog-info.yaml", conflict.Path);
        Assert.Contains("conflict: component:default/billing belongs to github:acme/billing/catalog-info.yaml#1", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("was not applied", conflict.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var billing = await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("Sends invoices", "payments", "github:acme/billing/catalog-info.yaml#1"), (billing.Description, billing.OwnerTeam?.Name, billing.SourceLocation));
        Assert.Equal(billing.Id, (await db.GitHubRepositories.SingleAsync(r => r.Name == "billing", Ct)).ServiceId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "service.update.denied" && a.Actor == "github:acme/copycat" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task RunAsync_RepositoryDefinesAnOrphanedImportedComponent_NotAdoptedConflictReported()
    {
        var importer = new BackstageImporter(Db.Factory);
        var imported = SmallOrg.BillingCatalog.Replace("Sends invoices", "Imported by an admin", StringComparison.Ordinal);
        await importer.ImportAsync([new CatalogFile("billing.yaml", imported)], "upload:legacy", Actor.System, Ct);
        await importer.ImportAsync([new CatalogFile("other.yaml", imported.Replace("name: billing", "name: other", StringComparison.Ordinal))], "upload:legacy", Actor.System, Ct);
        await using (var db = Db.CreateContext())
        {
            Assert.True((await db.Services.SingleAsync(s => s.Name == "billing", Ct)).IsOrphaned);
        }

        var run = await new GitHubSyncHarness(Db.Factory, _server!).RunAsync(Ct);

        var conflict = Assert.Single(await new GitHubSyncHarness(Db.Factory, _server!).ErrorsAsync(run, Ct), e => e.Repository == "acme/billing");
        Assert.Contains("belongs to upload:legacy/billing.yaml#1 (orphaned there; only an origin of the same kind may adopt it)", conflict.Message, StringComparison.Ordinal);
        await using var check = Db.CreateContext();
        var billing = await check.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("Imported by an admin", DataSource.Import, true), (billing.Description, billing.Source, billing.IsOrphaned));
    }

    [Fact]
    public async Task HandOverAsync_AdminHandsBillingToTheCopycat_NextRunAppliesItsDefinitionTheOldOneConflictsAndAllIsAudited()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        Org.AddRepo("copycat", r => r.SetFile("catalog-info.yaml", SmallOrg.BillingCatalog.Replace("Sends invoices", "Now mine", StringComparison.Ordinal)));
        var conflicted = await harness.RunAsync(Ct);
        var conflict = Assert.Single(await harness.ErrorsAsync(conflicted, Ct), e => e.Repository == "acme/copycat");
        Assert.Contains("hand the record over to this location (github:acme/copycat/catalog-info.yaml#1)", conflict.Message, StringComparison.Ordinal);
        var handOver = new CatalogHandOver(Db.Factory);
        var before = await handOver.FindAsync("service", "billing", Ct);
        Assert.Equal((DataSource.GitHub, "github:acme/billing/catalog-info.yaml#1"), (before.Source, before.Location));

        var after = await handOver.HandOverAsync(
            Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator,
            new HandOverRequest("component", "billing", DataSource.GitHub, "github:acme/copycat/catalog-info.yaml#1", before.Version),
            Ct);
        var run = await harness.RunAsync(Ct);

        Assert.Equal("github:acme/copycat/catalog-info.yaml#1", after.Location);
        var errors = await harness.ErrorsAsync(run, Ct);
        Assert.True(errors.Count == 1, string.Join(" | ", errors.Select(x => $"{x.Repository}: {x.Message}")));
        var stillConflicting = Assert.Single(errors, e => e.Repository == "acme/billing");
        Assert.Contains("belongs to github:acme/copycat/catalog-info.yaml#1", stillConflicting.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var billing = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("Now mine", "github:acme/copycat/catalog-info.yaml#1"), (billing.Description, billing.SourceLocation));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "service.handover", Ct);
        Assert.Equal(("local-admin", "billing", true), (audit.Actor, audit.EntityKey, audit.Succeeded));
        Assert.Contains("github:acme/billing/catalog-info.yaml#1", audit.Before, StringComparison.Ordinal);
        Assert.Contains("github:acme/copycat/catalog-info.yaml#1", audit.After, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "service.update" && a.Actor == "github:acme/copycat" && a.EntityKey == "billing", Ct));
    }

    [Fact]
    public async Task HandOverAsync_NotAnAdmin_RefusedAuditedAndUnchanged()
    {
        await new GitHubSyncHarness(Db.Factory, _server!).RunAsync(Ct);
        var handOver = new CatalogHandOver(Db.Factory);
        var editor = new Portal.Domain.Security.Actor("erin@example.com", "Erin", Portal.Domain.Security.PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            handOver.HandOverAsync(editor, new HandOverRequest("service", "billing", DataSource.Manual, null, 1), Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(DataSource.GitHub, (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Source);
        var denied = await db.AuditEntries.SingleAsync(a => a.Action == "service.handover.denied", Ct);
        Assert.Equal(("erin@example.com", false), (denied.Actor, denied.Succeeded));
    }

    [Fact]
    public async Task HandOverAsync_StaleVersionOrBadLocation_RefusedNamingTheProblem()
    {
        await new GitHubSyncHarness(Db.Factory, _server!).RunAsync(Ct);
        var handOver = new CatalogHandOver(Db.Factory);
        var admin = Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator;
        var origin = await handOver.FindAsync("component", "billing", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            handOver.HandOverAsync(admin, new HandOverRequest("component", "billing", DataSource.Manual, null, origin.Version + 1), Ct));
        var missing = await Assert.ThrowsAsync<DomainValidationException>(() =>
            handOver.HandOverAsync(admin, new HandOverRequest("component", "billing", DataSource.GitHub, null, origin.Version), Ct));
        Assert.Equal("location", missing.Field);
        var notGitHub = await Assert.ThrowsAsync<DomainValidationException>(() =>
            handOver.HandOverAsync(admin, new HandOverRequest("component", "billing", DataSource.GitHub, "catalog/x.yaml#1", origin.Version), Ct));
        Assert.Contains("is not a GitHub location", notGitHub.Reason, StringComparison.Ordinal);
        var kind = await Assert.ThrowsAsync<DomainValidationException>(() => handOver.FindAsync("widget", "billing", Ct));
        Assert.Equal("kind", kind.Field);
        await Assert.ThrowsAsync<NotFoundException>(() => handOver.FindAsync("service", "nope", Ct));
    }

    [Fact]
    public async Task HandOverAsync_ToPeople_TheRepositoryNoLongerChangesIt()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        var handOver = new CatalogHandOver(Db.Factory);
        var origin = await handOver.FindAsync("service", "billing", Ct);
        await handOver.HandOverAsync(Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator, new HandOverRequest("service", "billing", DataSource.Manual, null, origin.Version), Ct);

        Org.Repo("billing").SetFile("catalog-info.yaml", SmallOrg.BillingCatalog.Replace("Sends invoices", "Changed in the repository", StringComparison.Ordinal));
        var run = await harness.RunAsync(Ct);

        Assert.Contains("belongs to people editing it in Portal", Assert.Single(await harness.ErrorsAsync(run, Ct)).Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal("Sends invoices", (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Description);
    }

    [Fact]
    public async Task RunAsync_ServiceEditedByHand_RepositoryChangesNotAppliedButReported()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            var billing = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
            billing.Describe("Billing", "Edited in Portal");
            billing.RecordSource(DataSource.Manual, null);
            await db.SaveChangesAsync(Ct);
        }

        Org.Repo("billing").SetFile("catalog-info.yaml", SmallOrg.BillingCatalog.Replace("Sends invoices", "Changed in the repository", StringComparison.Ordinal));
        var run = await harness.RunAsync(Ct);

        var conflict = Assert.Single(await harness.ErrorsAsync(run, Ct));
        Assert.Contains("belongs to people editing it in Portal", conflict.Message, StringComparison.Ordinal);
        await using var check = Db.CreateContext();
        Assert.Equal("Edited in Portal", (await check.Services.SingleAsync(s => s.Name == "billing", Ct)).Description);
    }

    [Fact]
    public async Task RunAsync_EveryRecordTheSyncWrites_AuditedWithTheRepositoryOrOrganisationAsActor()
    {
        await new GitHubSyncHarness(Db.Factory, _server!).RunAsync(Ct);

        await using var db = Db.CreateContext();
        var entries = await db.AuditEntries.ToListAsync(Ct);
        Assert.Contains(entries, a => (a.Action, a.Actor, a.EntityKey) == ("service.create", "github:acme/billing", "billing"));
        Assert.Contains(entries, a => (a.Action, a.Actor, a.EntityKey) == ("service.create", "github:acme/ledger", "ledger"));
        Assert.Contains(entries, a => (a.Action, a.Actor, a.EntityKey) == ("team.create", "github:acme", "payments"));
        Assert.Contains(entries, a => (a.Action, a.Actor, a.EntityKey) == ("person.create", "github:acme", "carol"));
        Assert.Contains(entries, a => a.Action == Portal.Ingest.GitHub.GitHubSync.RepositoriesAuditAction);
    }

    [Fact]
    public void SourceRules_UnknownKindConfigured_RefusedNamingTheSetting()
    {
        var rules = new SourceRules { Repositories = ["Component", "Widget"] };

        var problems = rules.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(rules)).ToList();

        Assert.Contains(problems, p => p.ErrorMessage!.Contains("Catalog:Rules:Repositories: 'Widget' is not a kind", StringComparison.Ordinal));
        Assert.False(rules.ForRepositories.Allows("User"));
        Assert.True(new SourceRules { Repositories = ["component", "user"] }.ForRepositories.Allows("User"));
    }
}

public sealed class SqliteGitHubSyncTrustTests() : GitHubSyncTrustTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncTrustTests() : GitHubSyncTrustTests(TestProvider.Postgres);
