using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Sync;
using Portal.Ingest.GitHub;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Web.Tests.Hosting;

/// <summary>The whole webhook path: signed delivery → 202 → Hangfire job → targeted sync against a fake GitHub.</summary>
public abstract class GitHubWebhookApiTests(TestProvider provider) : IAsyncLifetime
{
    private const string Secret = "test-webhook-secret";

    private FakeGitHubServer _github = null!;
    private PortalWebFactory _root = null!;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg("acme");
        org.AddTeam("payments").AddMember("carol", "maintainer");
        org.AddRepo("billing", r => r.SetFile("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: billing
            spec:
              type: service
              lifecycle: production
              owner: payments
            """));
        _github = await FakeGitHubServer.StartAsync(state, Ct);
        _root = await PortalWebFactory.CreateAsync(provider);
        _factory = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("GitHub:ApiUrl", _github.BaseUrl.ToString());
            b.UseSetting("GitHub:Organizations:0", "acme");
            b.UseSetting("GitHub:Token", "fake-token");
            b.UseSetting("GitHub:WebhookSecret", Secret);
            b.UseSetting("GitHub:SyncCron", "0 0 1 1 *");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
        await _github.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Webhook_RepositoryArchived_LifecycleFlipsWithinSeconds()
    {
        var sync = _factory.Services.GetRequiredService<GitHubSync>();
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.RunAsync(SyncTrigger.Manual, Ct)).Status);
        _github.State.Org("acme").Repo("billing").Archived = true;

        var response = await PostAsync("repository", """{"action":"archived","repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""", sign: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Lifecycle lifecycle;
        do
        {
            await Task.Delay(200, Ct);
            await using var db = _root.Database.CreateContext();
            lifecycle = (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Lifecycle;
        }
        while (lifecycle != Lifecycle.Deprecated && DateTime.UtcNow < deadline);

        Assert.Equal(Lifecycle.Deprecated, lifecycle);
    }

    [Fact]
    public void Startup_GitHubConfigured_RegistersTheRecurringJobWithItsCron()
    {
        using var connection = _factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();

        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "github-sync");

        Assert.Equal("0 0 1 1 *", job.Cron);
    }

    [Fact]
    public async Task Webhook_BadSignature_401()
    {
        var response = await PostAsync("push", """{"repository":{"name":"billing","owner":{"login":"acme"}}}""", sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_Replay_SecondAnswered200AndDropped()
    {
        const string body = """{"zen":"Keep it logically awesome.","hook_id":1}""";
        var first = await PostAsync("ping", body, sign: true, delivery: "same-id");
        var second = await PostAsync("ping", body, sign: true, delivery: "same-id");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Contains("already handled", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string eventName, string body, bool sign, string? delivery = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = FakeWebhookDelivery.Request(eventName, body, sign ? Secret : "wrong-secret", delivery);
        return await client.SendAsync(request, Ct);
    }
}

public sealed class SqliteGitHubWebhookApiTests() : GitHubWebhookApiTests(TestProvider.Sqlite);

public sealed class PostgresGitHubWebhookApiTests() : GitHubWebhookApiTests(TestProvider.Postgres);
