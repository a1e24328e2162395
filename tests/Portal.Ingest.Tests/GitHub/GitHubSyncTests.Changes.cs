using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Sync;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>Changes on GitHub: deleted teams and repositories, renames, archives, members, App tokens and two hosts.</summary>
public abstract partial class GitHubSyncTests
{
    [Fact]
    public async Task RunAsync_TeamDeletedOnGitHub_TeamMarkedGoneServicesKept()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.RemoveTeam("payments");

        await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        var payments = await db.Teams.SingleAsync(t => t.Name == "payments", Ct);
        Assert.True(payments.IsGone);
        Assert.Equal(["billing", "ledger"], await db.Services.Where(s => s.OwnerTeamId == payments.Id).Select(s => s.Name).OrderBy(n => n).ToListAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_RepositoryDeleted_ServiceOrphanedNotDeleted()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.RemoveRepo("website");

        await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        Assert.True((await db.Services.SingleAsync(s => s.Name == "website", Ct)).IsOrphaned);
        Assert.True((await db.GitHubRepositories.SingleAsync(r => r.Name == "website", Ct)).IsGone);
    }

    [Fact]
    public async Task RunAsync_RepositoryRenamed_FollowedById()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Guid id;
        await using (var db = Db.CreateContext())
        {
            id = (await db.Services.SingleAsync(s => s.Name == "ledger", Ct)).Id;
        }

        Org.Repo("ledger").Name = "general-ledger";
        await harness.RunAsync(Ct);

        await using var after = Db.CreateContext();
        var service = await after.Services.SingleAsync(s => s.Id == id, Ct);
        Assert.EndsWith("/acme/general-ledger", service.RepositoryUrl, StringComparison.Ordinal);
        Assert.False(service.IsOrphaned);
        Assert.Equal(4, await after.Services.CountAsync(Ct));
    }

    [Fact]
    public async Task SyncRepositoryAsync_ArchivedRepository_LifecycleDeprecated()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Repo("billing").Archived = true;

        var outcome = await harness.Sync.SyncRepositoryAsync("acme", "billing", SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
        await using var db = Db.CreateContext();
        Assert.Equal(Lifecycle.Deprecated, (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Lifecycle);
        Assert.Equal(Lifecycle.Experimental, (await db.Services.SingleAsync(s => s.Name == "ledger", Ct)).Lifecycle);
    }

    [Fact]
    public async Task SyncTeamsAsync_MemberAdded_MembershipCreated()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Team("platform").AddMember("dave");

        await harness.Sync.SyncTeamsAsync("acme", SyncTrigger.Webhook, Ct);

        await using var db = Db.CreateContext();
        Assert.True(await db.TeamMemberships.AnyAsync(m => m.Person.Name == "dave" && m.Team.Name == "platform", Ct));
    }

    [Fact]
    public async Task RunAsync_GitHubApp_TokenIssuedOnceAndReused()
    {
        using var rsa = RSA.Create(2048);
        var app = new FakeApp { AppId = 4242, PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() };
        Server.State.App = app;
        var harness = Harness(o =>
        {
            o.Token = null;
            o.AppId = 4242;
            o.AppPrivateKey = rsa.ExportRSAPrivateKeyPem();
        });

        var first = await harness.RunAsync(Ct);
        var second = await harness.RunAsync(Ct);

        Assert.Equal((SyncRunStatus.Succeeded, SyncRunStatus.Succeeded), (first.Status, second.Status));
        Assert.Single(app.IssuedTokens);
    }

    [Fact]
    public async Task RunAsync_TwoHostsAtOnce_OnlyOneSyncs()
    {
        // A slow first answer keeps the first run holding the lease while the second host tries.
        Server.Faults.Timeouts("/orgs/acme/teams", count: 1, delay: TimeSpan.FromMilliseconds(800));
        var hostA = Harness();
        var hostB = Harness();

        var outcomes = await Task.WhenAll(hostA.Sync.RunAsync(SyncTrigger.Schedule, Ct), hostB.Sync.RunAsync(SyncTrigger.Schedule, Ct));

        Assert.Single(outcomes, o => o.Skipped);
        Assert.Single(outcomes, o => o.Status == SyncRunStatus.Succeeded);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.SyncRuns.CountAsync(Ct));
    }
}
