using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class OpenDebtReaderTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private Guid _paymentsId;
    private Guid _ledgerId;
    private Guid _quietId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = new Service("payments");
        var ledger = new Service("ledger");
        var quiet = new Service("quiet");
        db.AddRange(payments, ledger, quiet);
        db.AddRange(
            Item("Small on payments", 1, [payments]),
            Item("Big on payments and ledger", 5, [payments, ledger]),
            Item("Done on ledger", 5, [ledger], DebtStatus.Done));
        await db.SaveChangesAsync(Ct);
        (_paymentsId, _ledgerId, _quietId) = (payments.Id, ledger.Id, quiet.Id);

        // Items written straight to the database are scored by the recurring recomputation, as in production.
        await new DebtScores(Db.Factory, new GraphService(Db.Factory), _clock).RecomputeAllAsync(Ct);
    }

    private DebtItem Item(string title, int likelihood, Service[] services, DebtStatus status = DebtStatus.Accepted)
    {
        var item = new DebtItem(title, ScalingSignal.CascadingFailures, DebtKind.Code, DebtQuadrant.DeliberatePrudent, likelihood, 3, 2, "ada", Now);
        item.SetServices(services, Now);
        item.SetStatus(status, null, null, DateOnly.FromDateTime(Now), Now);
        return item;
    }

    private OpenDebtReader Reader() => new(Db.Factory, new DebtScores(Db.Factory, new GraphService(Db.Factory), _clock));

    [Fact]
    public async Task AffectingAsync_Services_OpenItemsTouchingThemHighestCostFirst()
    {
        var items = await Reader().AffectingAsync([_ledgerId], Ct);

        var item = Assert.Single(items);
        Assert.Equal("Big on payments and ledger", item.Title);
        Assert.Equal(new[] { _ledgerId, _paymentsId }.Order(), item.ServiceIds.Order());
        Assert.True(item.CostOfDelay > 0);
    }

    [Fact]
    public async Task AffectingAsync_Everything_ScoredAndSortedByCostOfDelay()
    {
        var items = await Reader().AffectingAsync(null, Ct);

        Assert.Equal(["Big on payments and ledger", "Small on payments"], items.Select(i => i.Title));
        Assert.True(items[0].CostOfDelay > items[1].CostOfDelay);
    }

    [Fact]
    public async Task AffectingAsync_ServiceWithoutDebt_Nothing()
    {
        Assert.Empty(await Reader().AffectingAsync([_quietId], Ct));
    }
}

public sealed class SqliteOpenDebtReaderTests() : OpenDebtReaderTests(TestProvider.Sqlite);

public sealed class PostgresOpenDebtReaderTests() : OpenDebtReaderTests(TestProvider.Postgres);
