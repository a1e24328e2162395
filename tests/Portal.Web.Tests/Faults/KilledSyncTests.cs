using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence.Infrastructure;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// A <c>portal sync github</c> killed with SIGKILL mid-run (one repository's request held by the fake GitHub) leaves a
/// resumable point: the run row stays Running and the lease stays with the dead process, so a sync started at once
/// says another sync is running (exit 3) instead of running twice; once the lease has expired and the run missed its
/// heartbeats (simulated by moving both back in the database, as a few minutes would), the next sync resumes the same
/// run and finishes it, with every repository in the catalog once.
/// </summary>
public abstract class KilledSyncTests(TestProvider provider) : IAsyncLifetime
{
    private const int Repositories = 8;

    private TestDatabase _db = null!;
    private FakeGitHubServer _github = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider);
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg("acme");
        org.AddTeam("payments").AddMember("carol");
        for (var i = 1; i <= Repositories; i++)
        {
            org.AddRepo($"repo-{i:D2}", r => r.SetFile("README.md", $"# repo {i}\n"));
        }

        _github = await FakeGitHubServer.StartAsync(state, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _github.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Sync_KilledMidRun_NextSyncWaitsForTheLeaseThenResumesTheSameRunToTheEnd()
    {
        var held = _github.Faults.Hold("^/repos/acme/repo-05/");
        await using (var sync = Start())
        {
            await held.Arrived.WaitAsync(TimeSpan.FromSeconds(90), Ct);
            await sync.KillAsync();
        }

        held.Release();
        var killed = Assert.Single(await RunsAsync());
        Assert.Equal(SyncRunStatus.Running, killed.Status);

        await using (var atOnce = Start())
        {
            Assert.Equal(3, await atOnce.WaitForExitAsync(TimeSpan.FromSeconds(90), Ct));
            Assert.Contains("another sync is running", atOnce.Output, StringComparison.Ordinal);
        }

        await using (var db = _db.CreateContext())
        {
            var past = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10);
            await db.SyncLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, SyncLease.Free), Ct);
            await db.SyncRuns.ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, past), Ct);
        }

        await using var later = Start();
        var exit = await later.WaitForExitAsync(TimeSpan.FromSeconds(90), Ct);

        Assert.True(exit == 0, later.Tail());
        var resumed = Assert.Single(await RunsAsync());
        Assert.Equal((killed.Id, SyncRunStatus.Succeeded), (resumed.Id, resumed.Status));
        await using var after = _db.CreateContext();
        Assert.Equal(
            Enumerable.Range(1, Repositories).Select(i => $"repo-{i:D2}"),
            await after.Services.Select(s => s.Name).OrderBy(n => n).ToListAsync(Ct));
    }

    private ChildPortal Start() => ChildPortal.Start(
        new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = _db.ConnectionString,
            ["Database__Provider"] = provider.ToString(),
            ["GitHub__ApiUrl"] = _github.BaseUrl.ToString(),
            ["GitHub__Organizations__0"] = "acme",
            ["GitHub__Token"] = "fake-token",
        },
        "sync",
        "github");

    private async Task<List<SyncRun>> RunsAsync()
    {
        await using var db = _db.CreateContext();
        return await db.SyncRuns.AsNoTracking().ToListAsync(Ct);
    }
}

public sealed class SqliteKilledSyncTests() : KilledSyncTests(TestProvider.Sqlite);

public sealed class PostgresKilledSyncTests() : KilledSyncTests(TestProvider.Postgres);
