using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;
using Portal.Testing;

namespace Portal.Domain.Tests.Persistence;

/// <summary>SQLite gets planner statistics from the app (it keeps none itself); PostgreSQL is left to autovacuum.</summary>
public abstract class DatabaseStatisticsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task<bool> RefreshWithServicesAsync()
    {
        await using (var db = Db.CreateContext())
        {
            db.AddRange(Enumerable.Range(1, 50).Select(i => new Service($"svc-{i:D2}")));
            await db.SaveChangesAsync(Ct);
        }

        return await new DatabaseStatistics(Db.Factory, NullLogger<DatabaseStatistics>.Instance).RefreshAsync(Ct);
    }

    protected async Task<int> StatisticsRowsAsync(string table)
    {
        await using var db = Db.CreateContext();
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = {table}").SingleAsync(Ct);
    }
}

public sealed class SqliteDatabaseStatisticsTests() : DatabaseStatisticsTests(TestProvider.Sqlite)
{
    [Fact]
    public async Task RefreshAsync_Sqlite_WritesStatisticsForTheTablesIndexes()
    {
        Assert.True(await RefreshWithServicesAsync());

        Assert.True(await StatisticsRowsAsync("services") > 0);
    }

    [Fact]
    public async Task RefreshAsync_RunTwice_StaysValid()
    {
        await RefreshWithServicesAsync();
        var first = await StatisticsRowsAsync("services");

        Assert.True(await new DatabaseStatistics(Db.Factory, NullLogger<DatabaseStatistics>.Instance).RefreshAsync(TestContext.Current.CancellationToken));

        Assert.Equal(first, await StatisticsRowsAsync("services"));
    }
}

public sealed class PostgresDatabaseStatisticsTests() : DatabaseStatisticsTests(TestProvider.Postgres)
{
    [Fact]
    public async Task RefreshAsync_Postgres_LeavesItToAutovacuum() =>
        Assert.False(await RefreshWithServicesAsync());
}
