using Portal.Domain.Sync;
using Portal.Domain.Sync.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Sync;

public abstract class SyncQueriesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private SyncQueries Queries => new(Db.Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SyncRun> AddAsync(string source, Action<SyncRun> shape)
    {
        var run = new SyncRun(source, "acme", SyncTrigger.Manual, "test-host");
        shape(run);
        await using var db = Db.CreateContext();
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run;
    }

    [Fact]
    public async Task RunningAsync_FinishedAndRunningRuns_ReturnsTheRunningOneWithItsErrorCount()
    {
        await AddAsync("github", r => r.Finish());
        var running = await AddAsync("github", r =>
        {
            r.Progress("Reading repositories", 3, 10);
            r.AddError("acme/broken", "catalog-info.yaml", "not YAML");
        });
        await AddAsync("other", r => r.Progress("Elsewhere", 1, 2));

        var found = await Queries.RunningAsync("github", Ct);

        Assert.NotNull(found);
        Assert.Equal(running.Id, found.Id);
        Assert.Equal((3, 10), (found.RepositoriesDone, found.RepositoriesTotal));
        Assert.Equal(1, found.ErrorCount);
    }

    [Fact]
    public async Task RunningAsync_OnlyFinishedRuns_ReturnsNull()
    {
        await AddAsync("github", r => r.Finish());
        await AddAsync("github", r => r.Fail("Bad credentials"));

        Assert.Null(await Queries.RunningAsync("github", Ct));
    }
}

public sealed class SqliteSyncQueriesTests() : SyncQueriesTests(TestProvider.Sqlite);

public sealed class PostgresSyncQueriesTests() : SyncQueriesTests(TestProvider.Postgres);
