using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtQueriesCostTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private Guid _paymentsId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = new Service("payments");
        payments.SetTier(1);
        var ledger = new Service("ledger");
        ledger.SetTier(2);
        var quiet = new Service("quiet");
        db.AddRange(payments, ledger, quiet);

        // Each item has an interest of 10 h/month set by hand, so its risk part is easy to add up.
        db.AddRange(
            Item("Payments only", 1, [payments]),
            Item("Payments and ledger", 2, [payments, ledger]),
            Item("Done on payments", 5, [payments], DebtStatus.Done),
            Item("Won't fix on ledger", 5, [ledger], DebtStatus.WontFix));
        await db.SaveChangesAsync(Ct);
        _paymentsId = payments.Id;

        // Items written straight to the database are scored by the recurring recomputation, as in production.
        await new DebtScores(Db.Factory, new GraphService(Db.Factory), _clock).RecomputeAllAsync(Ct);
    }

    private DebtItem Item(string title, int likelihood, Service[] services, DebtStatus status = DebtStatus.Accepted)
    {
        var item = new DebtItem(title, ScalingSignal.DataModel, DebtKind.Architecture, DebtQuadrant.InadvertentPrudent, likelihood, 1, 1, "ada", Now);
        item.OverrideInterest(10, Now);
        item.SetServices(services, Now);
        var today = DateOnly.FromDateTime(Now);
        item.SetStatus(status, "Service retires in spring", today.AddDays(120), today, Now);
        return item;
    }

    private DebtQueries Queries() => new(Db.Factory, new DebtScores(Db.Factory, new GraphService(Db.Factory), _clock), _clock);

    // Interest 10 h/month → 30 h a quarter; impact 1 = 1 h; no dependencies, so the blast factor is 1.
    private static double Cost(int likelihood, int tier) => 30 + (DebtScoringTable.Default.ProbabilityOf(likelihood) * DebtScoringTable.Default.ImpactHoursOf(1) * DebtScoringTable.Default.TierWeightOf(tier));

    [Fact]
    public async Task OpenCostOfDelayAsync_OneService_SumsItsOpenItemsOnly()
    {
        var cost = await Queries().OpenCostOfDelayAsync("payments", Ct);

        Assert.NotNull(cost);
        Assert.Equal(2, cost.OpenItems);
        Assert.Equal(Cost(1, 1) + Cost(2, 1), cost.CostOfDelayHours, 6);
        Assert.Equal(_paymentsId, cost.ServiceId);
        Assert.Equal(Now, cost.ScoredAt);
    }

    [Fact]
    public async Task OpenCostOfDelayAsync_ManyServices_AnswersEachAndCountsSharedItemsForEach()
    {
        var costs = await Queries().OpenCostOfDelayAsync(["payments", "ledger", "quiet", "no-such-service"], Ct);

        Assert.Equal(["ledger", "payments", "quiet"], costs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, costs["ledger"].OpenItems);

        // The shared item's cost uses its most critical service's tier, and counts in full for both services.
        Assert.Equal(Cost(2, 1), costs["ledger"].CostOfDelayHours, 6);
        Assert.Equal((0, 0.0, (double?)null), (costs["quiet"].OpenItems, costs["quiet"].CostOfDelayHours, costs["quiet"].HighestPriority));
    }

    [Fact]
    public async Task OpenCostOfDelayByIdAsync_KeyedById_AgreesWithTheReferenceQuery()
    {
        var queries = Queries();
        var byId = await queries.OpenCostOfDelayByIdAsync([_paymentsId], Ct);
        var byRef = await queries.OpenCostOfDelayAsync("payments", Ct);
        Assert.Equal(byRef, byId[_paymentsId]);
    }

    [Fact]
    public async Task OpenCostOfDelayAsync_UnknownService_IsNull() =>
        Assert.Null(await Queries().OpenCostOfDelayAsync("no-such-service", Ct));
}

public sealed class SqliteDebtQueriesCostTests() : DebtQueriesCostTests(TestProvider.Sqlite);

public sealed class PostgresDebtQueriesCostTests() : DebtQueriesCostTests(TestProvider.Postgres);
