using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Sync.Commands;
using Portal.Testing;

namespace Portal.Ingest.Tests.GitHub;

public abstract class SyncLeasesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_Refused()
    {
        var leases = new SyncLeases(Db.Factory, TimeProvider.System);

        Assert.True(await leases.TryAcquireAsync("x", "host-a", TimeSpan.FromMinutes(1), Ct));
        Assert.False(await leases.TryAcquireAsync("x", "host-b", TimeSpan.FromMinutes(1), Ct));
        Assert.Equal("host-a", await leases.HolderAsync("x", Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_AfterReleaseOrExpiry_Granted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var leases = new SyncLeases(Db.Factory, clock);
        await leases.TryAcquireAsync("x", "host-a", TimeSpan.FromMinutes(1), Ct);
        await leases.ReleaseAsync("x", "host-a", Ct);
        Assert.True(await leases.TryAcquireAsync("x", "host-b", TimeSpan.FromMinutes(1), Ct));
        Assert.False(await leases.TryAcquireAsync("x", "host-a", TimeSpan.FromMinutes(1), Ct));

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.True(await leases.TryAcquireAsync("x", "host-a", TimeSpan.FromMinutes(1), Ct));
        Assert.False(await leases.RenewAsync("x", "host-b", TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_ManyContenders_ExactlyOneWins()
    {
        var leases = new SyncLeases(Db.Factory, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => leases.TryAcquireAsync("race", $"host-{i}", TimeSpan.FromMinutes(1), Ct)));

        Assert.Equal(1, results.Count(r => r));
    }
}

public sealed class SqliteSyncLeasesTests() : SyncLeasesTests(TestProvider.Sqlite);

public sealed class PostgresSyncLeasesTests() : SyncLeasesTests(TestProvider.Postgres);
