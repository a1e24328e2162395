using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Jobs;
using Portal.Testing;

namespace Portal.Ingest.Tests.Jobs;

public abstract class RescoreDebtJobTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    [Fact]
    public async Task RunAsync_Twice_ScoresOnceAndLeavesFreshScoresAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = Db.CreateContext())
        {
            var service = new Service("payments");
            var item = new DebtItem("Manual failover", ScalingSignal.CascadingFailures, DebtKind.Process, DebtQuadrant.DeliberateReckless, 3, 3, 2, "ada", now);
            item.SetServices([service], now);
            db.AddRange(service, item);
            await db.SaveChangesAsync(ct);
        }

        var scores = new DebtScores(Db.Factory, new GraphService(Db.Factory), TimeProvider.System);
        var job = new RescoreDebtJob(scores, NullLogger<RescoreDebtJob>.Instance);

        await job.RunAsync(ct);
        await job.RunAsync(ct);

        await using var check = Db.CreateContext();
        Assert.True((await check.DebtItems.SingleAsync(ct)).Priority > 0);
        Assert.Null(await scores.EnsureFreshAsync(ct));
    }
}

public sealed class SqliteRescoreDebtJobTests() : RescoreDebtJobTests(TestProvider.Sqlite);

public sealed class PostgresRescoreDebtJobTests() : RescoreDebtJobTests(TestProvider.Postgres);
