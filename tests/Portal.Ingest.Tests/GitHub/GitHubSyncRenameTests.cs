using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// A rename is what GitHub reports: the same repository id under a new name. A repository's link to a service
/// located under another repository's name (stale after an adoption or a hand-over) never makes it that repository.
/// </summary>
public abstract class GitHubSyncRenameTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
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

    private static string Component(string name, string description) =>
        SmallOrg.BillingCatalog.Replace("name: billing", $"name: {name}", StringComparison.Ordinal)
            .Replace("Sends invoices", description, StringComparison.Ordinal);

    [Fact]
    public async Task SyncRepositoryAsync_StaleLinkToAnotherRepositorysService_NotARenameConflictReported()
    {
        Org.AddRepo("old", r => r.SetFile("catalog-info.yaml", Component("old-svc", "The old one")));
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            // A link left over from before the service moved to "old" (an adoption or a hand-over).
            var oldService = await db.Services.SingleAsync(s => s.Name == "old-svc", Ct);
            var ledger = await db.GitHubRepositories.SingleAsync(r => r.Name == "ledger", Ct);
            ledger.LinkService(oldService.Id);
            await db.SaveChangesAsync(Ct);
        }

        Org.Repo("ledger").SetFile("catalog-info.yaml", Component("old-svc", "Taken over"));
        var outcome = await harness.Sync.SyncRepositoryAsync("acme", "ledger", SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, outcome.Status);
        var errors = await harness.ErrorsAsync((await harness.Queries.RunAsync(outcome.RunId!.Value, Ct))!, Ct);
        Assert.Contains(errors, e => e.Repository == "acme/ledger" && e.Message.Contains("conflict: component:default/old-svc belongs to github:acme/old/", StringComparison.Ordinal));
        await using var after = Db.CreateContext();
        var service = await after.Services.SingleAsync(s => s.Name == "old-svc", Ct);
        Assert.Equal("The old one", service.Description);
        Assert.StartsWith("github:acme/old/", service.SourceLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RepositoryWithCatalogFileRenamed_ItsComponentFollowsWithoutConflict()
    {
        var harness = new GitHubSyncHarness(Db.Factory, _server!);
        await harness.RunAsync(Ct);

        Org.Repo("billing").Name = "billing-service";
        var run = await harness.RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        await using var db = Db.CreateContext();
        var repository = await db.GitHubRepositories.SingleAsync(r => r.Name == "billing-service", Ct);
        Assert.Equal("billing", repository.RenamedFrom);
        var service = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.StartsWith("github:acme/billing-service/", service.SourceLocation, StringComparison.Ordinal);
        Assert.False(service.IsOrphaned);
    }
}

public sealed class SqliteGitHubSyncRenameTests() : GitHubSyncRenameTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncRenameTests() : GitHubSyncRenameTests(TestProvider.Postgres);
