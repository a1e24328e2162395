using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Sync;
using Portal.Ingest.GitHub;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>What a sync writes: services, teams, people, evidence, catalog files and the run history.</summary>
public abstract partial class GitHubSyncTests
{
    [Fact]
    public async Task RunAsync_FirstSync_CreatesServicesTeamsAndPeople()
    {
        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        await using var db = Db.CreateContext();
        var services = await db.Services.Include(s => s.OwnerTeam).ToDictionaryAsync(s => s.Name, Ct);
        Assert.Equal(["billing", "ledger", "old-tool", "website"], services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("payments", Lifecycle.Production, DataSource.GitHub), (services["billing"].OwnerTeam?.Name, services["billing"].Lifecycle, services["billing"].Source));
        Assert.Equal("Sends invoices", services["billing"].Description);
        Assert.EndsWith("/acme/billing", services["billing"].RepositoryUrl, StringComparison.Ordinal);
        Assert.Equal(("payments", Lifecycle.Experimental), (services["ledger"].OwnerTeam?.Name, services["ledger"].Lifecycle));
        Assert.Equal(["core", "payments"], services["ledger"].Tags);
        Assert.Equal("Go", services["ledger"].Annotations["github.com/language"]);
        Assert.Null(services["website"].OwnerTeamId);
        Assert.Equal(Lifecycle.Deprecated, services["old-tool"].Lifecycle);

        var teams = await db.Teams.Include(t => t.ParentTeam).Include(t => t.Memberships).ThenInclude(m => m.Person).ToDictionaryAsync(t => t.Name, Ct);
        Assert.Equal("platform", teams["payments"].ParentTeam?.Name);
        Assert.Equal(("Platform", "Runs the platform"), (teams["platform"].Title, teams["platform"].Description));
        Assert.Equal(
            ["alice:Lead", "bob:Member"],
            teams["platform"].Memberships.Select(m => $"{m.Person.Name}:{m.Role}").Order(StringComparer.Ordinal));
        Assert.Equal(["carol:Lead"], teams["payments"].Memberships.Select(m => $"{m.Person.Name}:{m.Role}"));

        var repo = await db.GitHubRepositories.SingleAsync(r => r.Name == "billing", Ct);
        Assert.Equal((true, services["billing"].Id), (repo.HasWorkflows, repo.ServiceId));
    }

    [Fact]
    public async Task RunAsync_Evidence_WorkflowsReleasesDeploymentsAndProtectionRecorded()
    {
        var billing = Org.Repo("billing");
        Server.State.Update(() =>
        {
            billing.Releases.Add(new FakeRelease("v1.0.0") { CreatedAt = DateTimeOffset.UtcNow.AddDays(-10) });
            billing.Releases.Add(new FakeRelease("v0.9.0") { CreatedAt = DateTimeOffset.UtcNow.AddDays(-200) });
            billing.Deployments.Add(new FakeDeployment("production") { CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) });
            billing.Deployments.Add(new FakeDeployment("production") { CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) });
            billing.DefaultBranchProtected = true;
        });

        await Harness().RunAsync(Ct);

        await using var db = Db.CreateContext();
        var repos = await db.GitHubRepositories.ToDictionaryAsync(r => r.Name, Ct);
        Assert.Equal((true, 1, 1, 2, true), (repos["billing"].HasWorkflows, repos["billing"].WorkflowCount, repos["billing"].ReleasesLast90Days, repos["billing"].DeploymentsLast90Days, repos["billing"].DefaultBranchProtected));
        Assert.Equal((false, 0, 0, false), (repos["ledger"].HasWorkflows, repos["ledger"].ReleasesLast90Days, repos["ledger"].DeploymentsLast90Days, repos["ledger"].DefaultBranchProtected));
    }

    [Fact]
    public async Task RunAsync_LocationTargetsInsideTheRepository_Imported()
    {
        Org.AddRepo("monorepo", r =>
        {
            r.SetFile("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata:
                  name: monorepo
                spec:
                  targets:
                    - ./services/orders/catalog-info.yaml
                    - ./services/stock/catalog-info.yaml
                """);
            r.SetFile("services/orders/catalog-info.yaml", SmallOrg.BillingCatalog.Replace("name: billing", "name: orders", StringComparison.Ordinal));
            r.SetFile("services/stock/catalog-info.yaml", SmallOrg.BillingCatalog.Replace("name: billing", "name: stock", StringComparison.Ordinal));
        });

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        await using var db = Db.CreateContext();
        var services = await db.Services.Where(s => s.Name == "orders" || s.Name == "stock").ToListAsync(Ct);
        Assert.Equal(2, services.Count);
        Assert.All(services, s => Assert.EndsWith("/acme/monorepo", s.RepositoryUrl, StringComparison.Ordinal));
        Assert.False(await db.Services.AnyAsync(s => s.Name == "monorepo", Ct));
    }

    [Fact]
    public async Task RunAsync_CatalogFileWithoutOwner_CodeOwnersTeamOwns()
    {
        Org.AddRepo("ledger-api", r =>
        {
            r.SetFile("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger-api\nspec:\n  type: service\n  lifecycle: production\n");
            r.SetFile("docs/CODEOWNERS", "* @acme/payments\n");
        });

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        await using var db = Db.CreateContext();
        var service = await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "ledger-api", Ct);
        Assert.Equal(("payments", Lifecycle.Production), (service.OwnerTeam?.Name, service.Lifecycle));
    }

    [Fact]
    public async Task RunAsync_GitHubAppTokenAboutToExpire_RenewedBeforeUse()
    {
        using var rsa = RSA.Create(2048);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Server.State.Clock = clock;
        var app = new FakeApp { AppId = 4243, PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem(), TokenLifetime = TimeSpan.FromHours(1) };
        Server.State.App = app;
        var harness = Harness(
            o =>
            {
                o.Token = null;
                o.AppId = 4243;
                o.AppPrivateKey = rsa.ExportRSAPrivateKeyPem();
            },
            clock);

        await harness.RunAsync(Ct);
        clock.Now += TimeSpan.FromMinutes(50);
        await harness.RunAsync(Ct);
        var afterFifty = app.IssuedTokens.Count;
        clock.Now += TimeSpan.FromMinutes(6);
        await harness.RunAsync(Ct);
        await harness.RunAsync(Ct);

        // Reused with 10 minutes left; renewed with 4 left (before it can expire mid-run), then reused again.
        Assert.Equal((1, 2), (afterFifty, app.IssuedTokens.Count));
    }

    [Fact]
    public async Task RunAsync_EnterpriseServerAddress_EveryRestCallUnderApiV3()
    {
        await Harness().RunAsync(Ct);

        var rest = Server.Requests.Where(r => !r.Path.EndsWith("graphql", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rest);
        Assert.All(rest, r => Assert.True(r.ApiV3Prefix, $"{r.Method} {r.Path} was sent without /api/v3"));
    }

    [Fact]
    public async Task RunAsync_SyncAndWebhookSyncInOneInstanceAtOnce_OnlyOneWrites()
    {
        // The full run is held mid-request (it holds the lease by then); the webhook sync starts only once it is.
        var hold = Server.Faults.Hold("/orgs/acme/teams");
        var harness = Harness();
        var full = harness.Sync.RunAsync(SyncTrigger.Schedule, Ct);
        await hold.Arrived.WaitAsync(Ct);

        var webhook = await harness.Sync.SyncRepositoryAsync("acme", "billing", SyncTrigger.Webhook, Ct);
        hold.Release();

        Assert.Equal((false, true), ((await full).Skipped, webhook.Skipped));
    }

    [Fact]
    public async Task RunAsync_CatalogFileAddedLater_InferredServiceRetiresForTheNamedOne()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Repo("website").SetFile("catalog-info.yaml", SmallOrg.BillingCatalog.Replace("name: billing", "name: web-frontend", StringComparison.Ordinal));

        await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        Assert.True((await db.Services.SingleAsync(s => s.Name == "website", Ct)).IsOrphaned);
        var named = await db.Services.SingleAsync(s => s.Name == "web-frontend", Ct);
        Assert.Equal(named.Id, (await db.GitHubRepositories.SingleAsync(r => r.Name == "website", Ct)).ServiceId);
    }

    [Fact]
    public async Task RunAsync_EvidenceQueryFails_CatalogStillSyncedAndProblemRecorded()
    {
        Server.Faults.ServerErrors("graphql", count: 10);

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        Assert.Contains(await Harness().ErrorsAsync(run, Ct), e => e.Message.Contains("releases, deployments", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal(4, await db.Services.CountAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_TwoOrganisationsWithTheSameTeamName_FirstKeptCollisionReportedNothingFlips()
    {
        var labs = Server.State.AddOrg("acme-labs");
        labs.AddTeam("platform", name: "Labs platform").AddMember("erin");
        labs.AddRepo("prototype", r => r.SetFile("CODEOWNERS", "* @acme-labs/platform\n"));
        var harness = Harness(o => o.Organizations = ["acme", "acme-labs"]);

        var first = await harness.RunAsync(Ct);
        var second = await harness.RunAsync(Ct);

        Assert.Contains(await harness.ErrorsAsync(first, Ct), e => e.Repository == "team platform" && e.Message.Contains("github-team:acme/platform", StringComparison.Ordinal));
        Assert.True(second.ChangedNothing, string.Join("; ", second.Counts.Select(c => $"{c.Key}: {c.Value}")));
        await using var db = Db.CreateContext();
        var platform = await db.Teams.Include(t => t.Memberships).ThenInclude(m => m.Person).SingleAsync(t => t.Name == "platform", Ct);
        Assert.Equal("Platform", platform.Title);
        Assert.DoesNotContain(platform.Memberships, m => m.Person.Name == "erin");
        Assert.Equal("platform", (await db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Name == "prototype", Ct)).OwnerTeam?.Name);
    }

    [Fact]
    public async Task RunAsync_Finished_RunsOlderThanTheHistoryWindowForgotten()
    {
        var harness = Harness();
        Server.Faults.ServerErrors("/repos/acme/ledger/git/trees/", count: 10);
        var old = await harness.RunAsync(Ct);
        Assert.Equal(1, old.ErrorCount);
        var longAgo = DateTime.UtcNow - GitHubSync.KeepHistory - TimeSpan.FromDays(1);
        await using (var setup = Db.CreateContext())
        {
            await setup.SyncRuns.Where(r => r.Id == old.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.StartedAt, longAgo).SetProperty(r => r.FinishedAt, longAgo), Ct);
        }

        var recent = await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        Assert.Equal([recent.Id], await db.SyncRuns.Select(r => r.Id).ToListAsync(Ct));
        Assert.False(await db.SyncRunErrors.AnyAsync(e => e.RunId == old.Id, Ct));
    }
}
