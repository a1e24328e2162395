using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// Hostile catalog files pushed to a repository: the sync reports them and goes on. Before YAML limits the
/// nested file killed the process running the sync (the web app, with its Hangfire server) at every run.
/// </summary>
public abstract class GitHubSyncYamlLimitsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
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
    public async Task RunAsync_NestedAndAliasBombCatalogFiles_ReportedPerRepositoryOthersSynced()
    {
        Org.AddRepo("deep", r =>
        {
            r.SetFile("catalog-info.yaml", HostileYaml.Nested());

            // CODEOWNERS makes the sync look at the file's owners too: that path must be bounded as well.
            r.SetFile("CODEOWNERS", "* @acme/payments\n");
        });
        Org.AddRepo("bomb", r => r.SetFile("catalog-info.yaml", HostileYaml.AliasBomb()));
        var harness = new GitHubSyncHarness(Db.Factory, _server!);

        var run = await harness.RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        var errors = (await harness.ErrorsAsync(run, Ct)).ToDictionary(e => e.Repository);
        Assert.Equal("catalog-info.yaml", errors["acme/deep"].Path);
        Assert.Contains($"document 1: beyond Portal's YAML limits at line {HostileYaml.NestedLine},", errors["acme/deep"].Message, StringComparison.Ordinal);
        Assert.Contains("nested more than 64 levels deep", errors["acme/deep"].Message, StringComparison.Ordinal);
        Assert.Contains("more than 100,000 values once its aliases are expanded", errors["acme/bomb"].Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.True(await db.Services.AnyAsync(s => s.Name == "billing", Ct));
        Assert.False(await db.Services.AnyAsync(s => s.Name == "deep" || s.Name == "bomb", Ct));
    }

    [Fact]
    public async Task SyncRepositoryAsync_PushOfANestedFile_ReportedAndPreviousServiceKept()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        Org.Repo("billing").SetFile("catalog-info.yaml", HostileYaml.Nested("billing"));

        var outcome = await harness.Sync.SyncRepositoryAsync("acme", "billing", SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, outcome.Status);
        var error = Assert.Single(await harness.ErrorsAsync((await harness.Queries.RunAsync(outcome.RunId!.Value, Ct))!, Ct));
        Assert.Contains("nested more than 64 levels deep", error.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var billing = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("Sends invoices", false), (billing.Description, billing.IsOrphaned));
    }
}

public sealed class SqliteGitHubSyncYamlLimitsTests() : GitHubSyncYamlLimitsTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncYamlLimitsTests() : GitHubSyncYamlLimitsTests(TestProvider.Postgres);
