using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt;

public sealed class CapacityPlannerTests
{
    private static readonly Quarter Q1 = new(2027, 1);

    private static CapacitySetting Setting(double people = 5, int days = 60, double share = 20) =>
        new(people, days, share, DebtAllocationMode.EverySprint, "2027-Q1", 0, "ada");

    private static CapacityItem Item(double effort, DebtStatus status = DebtStatus.Planned, string? quarter = "2027-Q1", DateTime? doneAt = null, double cost = 10) =>
        new(effort, status, quarter, doneAt, cost, ScalingSignal.Observability);

    [Fact]
    public void Plan_NoItems_WholeBudgetIsTheGapAndTheTeamIsUnder()
    {
        var n = CapacityPlanner.Plan(Q1, Setting(), []);

        Assert.Equal((300, 60, 0, 60), (n.CapacityDays, n.BudgetDays, n.PlannedDays, n.GapDays));
        Assert.Equal(0, n.PlannedPercent);
        Assert.Equal(CapacityStanding.Under, n.Standing);
    }

    [Fact]
    public void Plan_ZeroCapacity_BudgetIsZeroAnyPlanIsOverAndNoPercent()
    {
        var n = CapacityPlanner.Plan(Q1, Setting(people: 0), [Item(3)]);

        Assert.Equal((0, 0, 3, -3), (n.CapacityDays, n.BudgetDays, n.PlannedDays, n.GapDays));
        Assert.Null(n.PlannedPercent);
        Assert.Equal(CapacityStanding.Over, n.Standing);
    }

    [Fact]
    public void Plan_NeverSet_IsNotSetWhateverIsPlanned()
    {
        var n = CapacityPlanner.Plan(Q1, null, [Item(3)]);

        Assert.Equal(CapacityStanding.NotSet, n.Standing);
        Assert.Equal(3, n.PlannedDays);
        Assert.Equal(0, n.BudgetDays);
    }

    [Theory]
    [InlineData(40, CapacityStanding.Under, 20)]
    [InlineData(59.6, CapacityStanding.OnTarget, 0.4)]
    [InlineData(60, CapacityStanding.OnTarget, 0)]
    [InlineData(75, CapacityStanding.Over, -15)]
    public void Plan_PlannedAgainstTheTwentyPercent_SaysUnderOnTargetOrOver(double planned, CapacityStanding standing, double gap)
    {
        var n = CapacityPlanner.Plan(Q1, Setting(), [Item(planned)]);

        Assert.Equal(standing, n.Standing);
        Assert.Equal(gap, n.GapDays, 6);
        Assert.Equal(planned / 300 * 100, n.PlannedPercent!.Value, 2);
    }

    [Fact]
    public void Plan_OnlyItemsTargetingTheQuarterAndNotWontFix_CountAsPlanned()
    {
        var n = CapacityPlanner.Plan(Q1, Setting(), [
            Item(2), Item(3, DebtStatus.InProgress), Item(4, DebtStatus.Done, doneAt: new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc)),
            Item(100, DebtStatus.WontFix), Item(50, quarter: "2027-Q2"), Item(70, DebtStatus.Accepted, quarter: null)]);

        Assert.Equal((9, 3), (n.PlannedDays, n.PlannedItems));
    }

    [Fact]
    public void Plan_DoneAtTheQuarterBoundaries_CountsOnlyInsideTheQuarter()
    {
        var items = new[]
        {
            Item(1, DebtStatus.Done, doneAt: new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc)),
            Item(2, DebtStatus.Done, doneAt: new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Item(4, DebtStatus.Done, quarter: "2026-Q4", doneAt: new DateTime(2027, 3, 31, 23, 59, 59, DateTimeKind.Utc)),
            Item(8, DebtStatus.Done, doneAt: new DateTime(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc)),
        };

        var n = CapacityPlanner.Plan(Q1, Setting(), items);

        Assert.Equal((6, 2), (n.DoneDays, n.DoneItems));
    }

    [Fact]
    public void Plan_UnaddressedCost_LeavesOutInProgressClosedAndThisQuartersPlan()
    {
        var n = CapacityPlanner.Plan(Q1, Setting(), [
            Item(1, DebtStatus.Proposed, quarter: null, cost: 100),
            Item(1, DebtStatus.Planned, quarter: "2027-Q2", cost: 20),
            Item(1, DebtStatus.Planned, cost: 1_000),
            Item(1, DebtStatus.InProgress, quarter: null, cost: 1_000),
            Item(1, DebtStatus.Done, quarter: null, cost: 1_000),
            Item(1, DebtStatus.WontFix, quarter: null, cost: 1_000)]);

        Assert.Equal((120, 2), (n.UnaddressedCostOfDelay, n.UnaddressedItems));
    }

    [Fact]
    public void Plan_ShareOfZero_AnyPlannedWorkIsOver()
    {
        var n = CapacityPlanner.Plan(Q1, Setting(share: 0), [Item(1)]);

        Assert.Equal(CapacityStanding.Over, n.Standing);
    }
}
