using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// A repository naming many or large Location targets: the sync reads within the per-repository limits, checks
/// sizes on the tree before downloading, reports what it left out (repository, file, limit) and goes on.
/// </summary>
public abstract class GitHubSyncCatalogLimitsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
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

    private static string Location(params string[] targets) =>
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: monorepo\nspec:\n  targets:\n"
        + string.Concat(targets.Select(t => $"    - ./{t}\n"));

    private static string Service(string name, int padding = 0) =>
        SmallOrg.BillingCatalog.Replace("name: billing", $"name: {name}", StringComparison.Ordinal) + "\n" + new string('#', padding) + "\n";

    private int BlobRequests() => _server!.Requests.Count(r => r.Path.Contains("/acme/monorepo/git/blobs/", StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_MoreTargetsThanTheLimit_ReadsUpToItReportsTheRestAndSyncsOthers()
    {
        string[] names = ["s1", "s2", "s3", "s4", "s5"];
        Org.AddRepo("monorepo", r =>
        {
            r.SetFile("catalog-info.yaml", Location([.. names.Select(n => $"{n}.yaml")]));
            foreach (var n in names)
            {
                r.SetFile($"{n}.yaml", Service(n));
            }
        });
        var harness = new GitHubSyncHarness(Db.Factory, _server!, o => o.MaxCatalogFilesPerRepository = 3);

        var run = await harness.RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        var errors = (await harness.ErrorsAsync(run, Ct)).Where(e => e.Repository == "acme/monorepo" && e.Message.Contains("the most Portal reads", StringComparison.Ordinal)).ToList();
        Assert.Equal(["s3.yaml", "s4.yaml", "s5.yaml"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Contains("already has 3 catalog files", e.Message, StringComparison.Ordinal));
        Assert.Equal(3, BlobRequests());
        await using var db = Db.CreateContext();
        var services = await db.Services.Select(s => s.Name).ToListAsync(Ct);
        Assert.Contains("s1", services);
        Assert.Contains("s2", services);
        Assert.DoesNotContain("s3", services);
        Assert.Contains("billing", services);
    }

    [Fact]
    public async Task RunAsync_TargetLargerThanOneFileMayBe_NotDownloadedAndReported()
    {
        Org.AddRepo("monorepo", r =>
        {
            r.SetFile("catalog-info.yaml", Location("small.yaml", "huge.yaml"));
            r.SetFile("small.yaml", Service("small"));
            r.SetFile("huge.yaml", Service("huge", padding: 5_000));
        });
        var harness = new GitHubSyncHarness(Db.Factory, _server!, o => o.MaxCatalogFileBytes = 2_000);

        var run = await harness.RunAsync(Ct);

        var error = Assert.Single(await harness.ErrorsAsync(run, Ct), e => e.Path == "huge.yaml");
        Assert.Equal("acme/monorepo", error.Repository);
        Assert.Contains("beyond the limit of 2,000 bytes for one catalog file", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, BlobRequests());
        await using var db = Db.CreateContext();
        Assert.True(await db.Services.AnyAsync(s => s.Name == "small", Ct));
        Assert.False(await db.Services.AnyAsync(s => s.Name == "huge", Ct));
    }

    [Fact]
    public async Task RunAsync_TargetsTogetherBeyondTheRepositoryLimit_LastOnesReported()
    {
        Org.AddRepo("monorepo", r =>
        {
            r.SetFile("catalog-info.yaml", Location("a.yaml", "b.yaml", "c.yaml"));
            r.SetFile("a.yaml", Service("a", padding: 600));
            r.SetFile("b.yaml", Service("b", padding: 600));
            r.SetFile("c.yaml", Service("c", padding: 600));
        });
        var harness = new GitHubSyncHarness(Db.Factory, _server!, o => o.MaxCatalogBytesPerRepository = 2_000);

        var run = await harness.RunAsync(Ct);

        var error = Assert.Single(await harness.ErrorsAsync(run, Ct), e => e.Path == "c.yaml");
        Assert.Contains("would pass 2,000 bytes, the limit for one repository", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, BlobRequests());
    }

    [Fact]
    public async Task RunAsync_TargetsWithTheSameContent_DownloadedOnce()
    {
        Org.AddRepo("monorepo", r =>
        {
            r.SetFile("catalog-info.yaml", Location("one/catalog.yaml", "two/catalog.yaml", "three/catalog.yaml"));
            r.SetFile("one/catalog.yaml", "# filled in later\n");
            r.SetFile("two/catalog.yaml", "# filled in later\n");
            r.SetFile("three/catalog.yaml", "# filled in later\n");
        });

        var run = await new GitHubSyncHarness(Db.Factory, _server!).RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(2, BlobRequests());
    }

    [Fact]
    public async Task RunAsync_RootCatalogFileTooLarge_NotDownloadedRepositoryReported()
    {
        Org.AddRepo("monorepo", r => r.SetFile("catalog-info.yaml", Service("monorepo", padding: 5_000)));
        var harness = new GitHubSyncHarness(Db.Factory, _server!, o => o.MaxCatalogFileBytes = 2_000);

        var run = await harness.RunAsync(Ct);

        var error = Assert.Single(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme/monorepo");
        Assert.Equal("catalog-info.yaml", error.Path);
        Assert.Contains("beyond the limit of 2,000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, BlobRequests());
    }
}

public sealed class SqliteGitHubSyncCatalogLimitsTests() : GitHubSyncCatalogLimitsTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncCatalogLimitsTests() : GitHubSyncCatalogLimitsTests(TestProvider.Postgres);
