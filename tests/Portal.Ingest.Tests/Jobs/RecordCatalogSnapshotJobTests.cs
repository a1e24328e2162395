using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Ingest.Jobs;
using Portal.Testing;

namespace Portal.Ingest.Tests.Jobs;

public abstract class RecordCatalogSnapshotJobTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    [Fact]
    public async Task RunAsync_TwiceOnOneDay_KeepsOneRowWithTheLatestCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        var job = new RecordCatalogSnapshotJob(new CatalogSnapshots(Db.Factory, TimeProvider.System), NullLogger<RecordCatalogSnapshotJob>.Instance);

        await job.RunAsync(ct);
        await using (var db = Db.CreateContext())
        {
            db.Services.Add(new Service("payments"));
            await db.SaveChangesAsync(ct);
        }

        await job.RunAsync(ct);

        await using var check = Db.CreateContext();
        var snapshot = await check.CatalogSnapshots.SingleAsync(ct);
        Assert.Equal((1, 1), (snapshot.Services, snapshot.UnownedServices));
    }
}

public sealed class SqliteRecordCatalogSnapshotJobTests() : RecordCatalogSnapshotJobTests(TestProvider.Sqlite);

public sealed class PostgresRecordCatalogSnapshotJobTests() : RecordCatalogSnapshotJobTests(TestProvider.Postgres);
