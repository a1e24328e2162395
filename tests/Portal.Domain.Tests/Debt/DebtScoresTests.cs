using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtScoresTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private Guid _paymentsItem;
    private Guid _webItem;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = new Service("payments", "Payments");
        payments.SetTier(1);
        var checkout = new Service("checkout");
        checkout.SetTier(2);
        var web = new Service("web");
        db.AddRange(payments, checkout, web, Dependency.ToService(checkout, payments, InteractionKind.SyncHttp));

        var big = new DebtItem("Ledger writes without idempotency", ScalingSignal.CascadingFailures, DebtKind.Code, DebtQuadrant.DeliberatePrudent, 4, 4, 4, "ada", Now);
        big.SetServices([payments], Now);
        var small = new DebtItem("Old UI library", ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.InadvertentPrudent, 2, 2, 2, "ada", Now);
        small.SetServices([web], Now);
        db.AddRange(big, small);
        db.Add(new DebtReport(small.Id, Today.AddDays(-80), 30, "lost a day to a broken build", null, "ada", "Ada", Today, Now));
        await db.SaveChangesAsync(Ct);
        (_paymentsItem, _webItem) = (big.Id, small.Id);
    }

    private DebtScores Scores() => new(Db.Factory, new GraphService(Db.Factory), _clock);

    private async Task<DebtItem> LoadAsync(Guid id)
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
    }

    [Fact]
    public async Task RecomputeAllAsync_StoresWhatTheFormulaGives()
    {
        var result = await Scores().RecomputeAllAsync(Ct);

        Assert.Equal((2, 2), (result.Items, result.Changed));
        var big = await LoadAsync(_paymentsItem);

        // P(4) 0.6 × 40 h × tier 1 (2) × blast (checkout fails with payments: 1 + log2 2 = 2), no interest.
        Assert.Equal(0.6 * 40 * 2 * 2, big.CostOfDelay, 6);
        Assert.Equal(big.CostOfDelay / 4, big.Priority, 6);
        Assert.Equal(Now, big.ScoredAt);
        Assert.Equal(0, big.Version);
        var small = await LoadAsync(_webItem);
        Assert.Equal(10, small.InterestHoursPerMonth, 6);
    }

    [Fact]
    public async Task RecomputeAllAsync_PriorityIsSortableInSql()
    {
        await Scores().RecomputeAllAsync(Ct);

        await using var db = Db.CreateContext();
        var order = await db.DebtItems.OrderByDescending(i => i.Priority).Select(i => i.Id).ToListAsync(Ct);
        Assert.Equal([_paymentsItem, _webItem], order);
    }

    [Fact]
    public async Task EnsureFreshAsync_NothingMoved_DoesNothing()
    {
        var scores = Scores();
        Assert.NotNull(await scores.EnsureFreshAsync(Ct));
        Assert.Null(await scores.EnsureFreshAsync(Ct));
    }

    [Fact]
    public async Task EnsureFreshAsync_TablesChanged_RecomputesEveryScore()
    {
        var scores = Scores();
        await scores.EnsureFreshAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            db.DebtScoringSettings.Add(new DebtScoringSettings(DebtScoringTable.Default with { ImpactHours = [1, 2, 3, 4, 5] }, "root", Now));
            await db.SaveChangesAsync(Ct);
        }

        var result = await scores.EnsureFreshAsync(Ct);

        Assert.Equal(2, result?.Changed);
        Assert.Equal(0.6 * 4 * 2 * 2, (await LoadAsync(_paymentsItem)).CostOfDelay, 6);
    }

    [Fact]
    public async Task EnsureFreshAsync_GraphChanged_RecomputesTheBlastFactor()
    {
        var scores = Scores();
        await scores.EnsureFreshAsync(Ct);
        var before = (await LoadAsync(_paymentsItem)).CostOfDelay;
        await using (var db = Db.CreateContext())
        {
            var web = await db.Services.SingleAsync(s => s.Name == "web", Ct);
            var checkout = await db.Services.SingleAsync(s => s.Name == "checkout", Ct);
            db.Add(Dependency.ToService(web, checkout, InteractionKind.SyncGrpc));
            await db.SaveChangesAsync(Ct);
        }

        Assert.NotNull(await scores.EnsureFreshAsync(Ct));

        // Now web fails too: 1 + log2(1 + 2) instead of 1 + log2(1 + 1).
        Assert.Equal(before / 2 * (1 + Math.Log2(3)), (await LoadAsync(_paymentsItem)).CostOfDelay, 6);
    }

    [Fact]
    public async Task EnsureFreshAsync_NextDay_ReportsOlderThanTheWindowStopCounting()
    {
        var scores = Scores();
        await scores.EnsureFreshAsync(Ct);
        Assert.Equal(10, (await LoadAsync(_webItem)).InterestHoursPerMonth, 6);

        _clock.Advance(TimeSpan.FromDays(10));

        Assert.NotNull(await scores.EnsureFreshAsync(Ct));
        Assert.Equal(0, (await LoadAsync(_webItem)).InterestHoursPerMonth);
    }

    [Fact]
    public async Task WriteAsync_RowChangedSinceItWasRead_IsLeftAlone()
    {
        await using var db = Db.CreateContext();
        var values = new DebtScoreValues(1, 3, 4, 1, 7, 3.5);

        await DebtScoreWriter.WriteAsync(db, [new(_paymentsItem, Version: 3, values), new(_webItem, Version: 0, values)], Now, Ct);

        Assert.Equal(0, (await LoadAsync(_paymentsItem)).CostOfDelay);
        Assert.Equal(7, (await LoadAsync(_webItem)).CostOfDelay);
    }

    [Fact]
    public async Task ExplainAsync_MatchesTheStoredNumbers()
    {
        var scores = Scores();
        await scores.RecomputeAllAsync(Ct);

        var score = await scores.ExplainAsync(_paymentsItem, Ct);

        Assert.NotNull(score);
        Assert.Equal((await LoadAsync(_paymentsItem)).CostOfDelay, score.CostOfDelay, 9);
        var blast = score.Factors.Single(f => f.Key == "blastFactor");
        Assert.Contains("checkout", blast.Detail, StringComparison.Ordinal);
        Assert.Contains("Payments is tier 1", score.Factors.Single(f => f.Key == "tierWeight").Detail, StringComparison.Ordinal);
    }
}

public sealed class SqliteDebtScoresTests() : DebtScoresTests(TestProvider.Sqlite);

public sealed class PostgresDebtScoresTests() : DebtScoresTests(TestProvider.Postgres);
