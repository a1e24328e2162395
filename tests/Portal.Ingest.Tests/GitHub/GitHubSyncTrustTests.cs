using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Sync;
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
