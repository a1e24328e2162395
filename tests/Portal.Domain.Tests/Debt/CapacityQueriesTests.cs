using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class CapacityQueriesTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private static readonly Quarter Q1 = new(2027, 1);

    private CapacityQueries Capacity() => new(Db.Factory);

    [Fact]
    public async Task TeamAsync_PlannedUnderTheTwentyPercent_IsUnderWithTheGap()
    {
        await new CapacityCommands(Db.Factory).SetAsync(Ada, "payments-core", Q1, new CapacityEdit(5, 60, 20, DebtAllocationMode.EverySprint), null, Ct);
        await Commands().CreateAsync(Ada, Edit(status: DebtStatus.Planned, quarter: "2027-Q1", effort: 40), ct: Ct);
        await Commands().CreateAsync(Ada, Edit(title: "Unplanned", effort: 3), ct: Ct);

        var plan = await Capacity().TeamAsync("payments-core", Q1, Ct);

        Assert.NotNull(plan);
        Assert.Equal(("Payments Core", 300d, 60d, 40d, 20d, CapacityStanding.Under), (plan.TeamName, plan.Numbers.CapacityDays, plan.Numbers.BudgetDays, plan.Numbers.PlannedDays, plan.Numbers.GapDays, plan.Numbers.Standing));
        Assert.Equal(1, plan.Numbers.UnaddressedItems);
        Assert.False(plan.Setting!.IsCarriedForward);
    }

    [Fact]
    public async Task TeamAsync_NoFiguresForTheQuarter_CarriesTheLatestEarlierOnesWithTheQuartersWeekdays()
    {
        await new CapacityCommands(Db.Factory).SetAsync(Root, "web", new Quarter(2026, 3), new CapacityEdit(4, 50, 30, DebtAllocationMode.DedicatedSprint), null, Ct);
        await new CapacityCommands(Db.Factory).SetAsync(Root, "web", new Quarter(2027, 2), new CapacityEdit(9, 50, 10, DebtAllocationMode.EverySprint), null, Ct);

        var plan = await Capacity().TeamAsync("web", Q1, Ct);

        Assert.Equal((4d, 64, 30d, "2026-Q3", true), (plan!.Setting!.People, plan.Setting.WorkingDays, plan.Setting.DebtSharePercent, plan.Setting.SetIn, plan.Setting.IsCarriedForward));
    }

    [Fact]
    public async Task TeamAsync_NeverSet_HasNoSettingAndTheDefaultShare()
    {
        var plan = await Capacity().TeamAsync("web", Q1, Ct);

        Assert.Null(plan!.Setting);
        Assert.Equal((20d, CapacityStanding.NotSet, 64), (plan.DebtSharePercent, plan.Numbers.Standing, plan.DefaultWorkingDays));
    }

    [Fact]
    public async Task TeamAsync_UnknownTeam_IsNull() => Assert.Null(await Capacity().TeamAsync("nobody", Q1, Ct));

    [Fact]
    public async Task OverviewAsync_ViewersOwnTeamWithoutDebtOrFigures_IsListedAsNotSet()
    {
        var empty = await Capacity().OverviewAsync(Q1, ct: Ct);
        var mine = await Capacity().OverviewAsync(Q1, [WebTeam], Ct);

        Assert.Empty(empty.Teams);
        Assert.Equal(("web", CapacityStanding.NotSet), (mine.Teams.Single().Team, mine.Teams.Single().Numbers.Standing));
        Assert.Empty(mine.HeatMap);
    }

    [Fact]
    public async Task OverviewAsync_TeamsRankedByUnaddressedCostAndHeatMapBySignal()
    {
        await Commands().CreateAsync(Root, Edit(title: "Payments risk", effort: 2, likelihood: 5), ct: Ct);
        await Commands().CreateAsync(Root, Edit(title: "Web gap", services: ["web-app"], signal: ScalingSignal.Observability, likelihood: 1), ct: Ct);
        await new CapacityCommands(Db.Factory).SetAsync(Root, "web", Q1, new CapacityEdit(3, 60, 20, DebtAllocationMode.EverySprint), null, Ct);

        var overview = await Capacity().OverviewAsync(Q1, ct: Ct);

        Assert.Equal(["payments-core", "web"], overview.Teams.Select(t => t.Team));
        Assert.True(overview.Teams[0].Numbers.UnaddressedCostOfDelay > overview.Teams[1].Numbers.UnaddressedCostOfDelay);
        var web = overview.HeatMap.Single(r => r.Team == "web");
        var column = overview.Signals.ToList().IndexOf(ScalingSignal.Observability);
        Assert.Equal(web.Total, web.Cells[column]);
        Assert.Equal(overview.HeatMap.SelectMany(r => r.Cells).Max(), overview.HeatMax);
    }
}

public sealed class SqliteCapacityQueriesTests() : CapacityQueriesTests(TestProvider.Sqlite);

public sealed class PostgresCapacityQueriesTests() : CapacityQueriesTests(TestProvider.Postgres);
