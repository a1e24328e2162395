using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Demo;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtDemoDataTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly DateTimeOffset LoadedAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DemoSeeder Seeder()
    {
        var clock = new FakeTimeProvider(LoadedAt);
        var scores = new DebtScores(Db.Factory, new GraphService(Db.Factory), clock);
        return new DemoSeeder(Db.Factory, [.. DemoSeeder.StandardParts(Db.Factory), new DebtDemoData(Db.Factory, scores)], clock);
    }

    [Fact]
    public async Task LoadAsync_Twice_AddsAboutSixtyVariedItemsWithReportsOnce()
    {
        await Seeder().SeedAsync(Ct);
        var second = await Seeder().SeedAsync(Ct);

        await using var db = Db.CreateContext();
        var items = await db.DebtItems.AsNoTracking().ToListAsync(Ct);
        Assert.InRange(items.Count, 55, 65);
        Assert.Equal(Enum.GetValues<DebtStatus>().Length, items.Select(i => i.Status).Distinct().Count());
        Assert.Equal(7, items.Select(i => i.Signal).Distinct().Count());
        Assert.Equal(4, items.Select(i => i.Quadrant).Distinct().Count());
        Assert.Equal(6, items.Select(i => i.Kind).Distinct().Count());
        Assert.True(await db.DebtReports.CountAsync(Ct) >= 15);
        Assert.All(items, i => Assert.True(i.CostOfDelay > 0, i.Title));
        Assert.Equal(0, second.Parts.Single(p => p.Item1 == "debt items and capacity").Item2);
        Assert.True(second.AlreadyLoaded);
    }

    [Fact]
    public async Task LoadAsync_ThisQuarter_OneTeamIsOverItsShareAndAnotherUnder()
    {
        await Seeder().SeedAsync(Ct);

        var overview = await new CapacityQueries(Db.Factory).OverviewAsync(Quarter.Of(DateOnly.FromDateTime(LoadedAt.UtcDateTime)), ct: Ct);

        Assert.Equal(CapacityStanding.Over, overview.Teams.Single(t => t.Team == "ledger-recon").Numbers.Standing);
        Assert.Equal(CapacityStanding.Under, overview.Teams.Single(t => t.Team == "payments-core").Numbers.Standing);
        Assert.Equal(CapacityStanding.OnTarget, overview.Teams.Single(t => t.Team == "billing-squad").Numbers.Standing);
        Assert.True(overview.Teams.Single(t => t.Team == "payments-core").Numbers.DoneDays > 0);
        Assert.Contains(overview.HeatMap, r => r.Team is null);
    }

    [Fact]
    public async Task LoadAsync_DoneLastQuarter_IsRecordedAsDoneThen()
    {
        await Seeder().SeedAsync(Ct);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.AsNoTracking().SingleAsync(i => i.Title == "Checkout session stored in process memory", Ct);
        Assert.Equal(Quarter.Of(DateOnly.FromDateTime(LoadedAt.UtcDateTime)).Previous, Quarter.Of(DateOnly.FromDateTime(item.DoneAt!.Value)));
    }
}

public sealed class SqliteDebtDemoDataTests() : DebtDemoDataTests(TestProvider.Sqlite);

public sealed class PostgresDebtDemoDataTests() : DebtDemoDataTests(TestProvider.Postgres);
