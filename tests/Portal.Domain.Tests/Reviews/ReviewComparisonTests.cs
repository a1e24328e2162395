using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Domain.Tests.Reviews;

/// <summary>The pure comparison of two sides: levels, gaps, teams, services added and removed, action items.</summary>
public sealed class ReviewComparisonTests
{
    private static readonly DateTime Q3Close = new(2026, 9, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Q4Close = new(2026, 12, 14, 12, 0, 0, DateTimeKind.Utc);

    private static readonly SnapshotCriterion Timeouts = new("timeouts", ScalingSignal.CascadingFailures, ScoreLevel.Bronze, CriterionMode.Automatic, "Calls have timeouts");
    private static readonly SnapshotCriterion Runbook = new("runbook", ScalingSignal.Observability, ScoreLevel.Bronze, CriterionMode.Automatic, "A runbook is linked");
    private static readonly SnapshotCriterion Breakers = new("breakers", ScalingSignal.CascadingFailures, ScoreLevel.Silver, CriterionMode.SelfAssessed, "Circuit breakers");

    private static ServiceState State(string service, string? team, string levels, string statuses) =>
        new(service, service.ToUpperInvariant(), team, team is null ? null : team + " team", 1, (ScoreLevel)levels.Min(c => c - '0'), levels, statuses);

    private static ComparisonSide Side(string label, DateTime at, IReadOnlyList<SnapshotCriterion> criteria, params ServiceState[] services) =>
        new(label, label, at, 1, criteria, services);

    private static SnapshotActionItem Item(string title, DateOnly due, ActionItemStatus status = ActionItemStatus.Open, DateOnly? closedOn = null,
        ScalingSignal? signal = null, ScoreLevel? target = null, string team = "payments") =>
        new(Guid.NewGuid(), title, team + " team", team, due, signal, target, null, status, closedOn, null, null, 0, null, null);

    [Fact]
    public void Compare_LevelRoseOnOneSignal_ServiceImprovedAndSignalCounted()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts, Runbook], State("checkout", "payments", "1111111", "FP"));
        var to = Side("2026-Q4", Q4Close, [Timeouts, Runbook], State("checkout", "payments", "1121111", "PP"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        var change = Assert.Single(result.Services);
        Assert.Equal(ChangeDirection.Improved, change.Direction);
        Assert.Equal("timeouts", Assert.Single(change.ClosedGaps).Criterion);
        Assert.Empty(change.NewGaps);
        var cascading = result.Signals.Single(s => s.Signal == ScalingSignal.CascadingFailures);
        Assert.Equal(1, cascading.Improved);
        Assert.Equal(1, cascading.ClosedGaps);
        Assert.Equal(0, result.Signals.Single(s => s.Signal == ScalingSignal.Coordination).Improved);
        Assert.Equal(1, result.Totals.Improved);
        Assert.Equal(1, result.Teams.Single().SignalSteps[LevelDigits.Index(ScalingSignal.CascadingFailures)]);
    }

    [Fact]
    public void Compare_LevelFellAndGapOpened_RegressedListedFirst()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts, Runbook],
            State("checkout", "payments", "1121111", "PP"), State("ledger", "payments", "1111111", "FP"));
        var to = Side("2026-Q4", Q4Close, [Timeouts, Runbook],
            State("checkout", "payments", "1111111", "PF"), State("ledger", "payments", "1121111", "PP"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        Assert.Equal(["checkout", "ledger"], result.Services.Select(s => s.Service));
        Assert.Equal(ChangeDirection.Regressed, result.Services[0].Direction);
        Assert.Equal("runbook", Assert.Single(result.Services[0].NewGaps).Criterion);
        Assert.Equal(CriterionStatus.Pass, result.Services[0].NewGaps[0].Before);
        Assert.Equal(CriterionStatus.Fail, result.Services[0].NewGaps[0].After);
        var team = Assert.Single(result.Teams);
        Assert.Equal((1, 1, 1, 1), (team.Improved, team.Regressed, team.NewGaps, team.ClosedGaps));
        Assert.Equal(0, team.SignalSteps[LevelDigits.Index(ScalingSignal.CascadingFailures)]);
    }

    [Fact]
    public void Compare_NothingMoved_NoServiceListed()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("checkout", "payments", "1111111", "P"));
        var to = Side("2026-Q4", Q4Close, [Timeouts], State("checkout", "payments", "1111111", "P"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        Assert.Empty(result.Services);
        Assert.Equal(1, result.Totals.Unchanged);
        Assert.False(result.FrameworkChanged);
    }

    [Fact]
    public void Compare_ServicesAddedAndRemoved_ListedWithTheirGapsAndUnownedGrouped()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("old-batch", null, "0000000", "F"));
        var to = Side("2026-Q4", Q4Close, [Timeouts], State("new-api", "payments", "0000000", "F"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        Assert.Equal((1, 1, 1), (result.Totals.Added, result.Totals.Removed, result.Totals.NewGaps));
        Assert.Equal(ChangeDirection.Added, result.Services.Single(s => s.Service == "new-api").Direction);
        Assert.Equal(ChangeDirection.Removed, result.Services.Single(s => s.Service == "old-batch").Direction);
        Assert.Contains(result.Teams, t => t.Team == ReviewComparison.Unowned && t.Name == "No owner team" && t.Before.None == 1 && t.After.None == 0);
    }

    [Fact]
    public void Compare_FrameworkAddedACriterion_NewCriterionGapCountedAndFlagged()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("checkout", "payments", "1111111", "P"));
        var to = new ComparisonSide("2026-Q4", "2026-Q4", Q4Close, 2, [Timeouts, Breakers], [State("checkout", "payments", "1111111", "PU")]);

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        Assert.True(result.FrameworkChanged);
        var gap = Assert.Single(Assert.Single(result.Services).NewGaps);
        Assert.Equal(("breakers", (CriterionStatus?)null, (CriterionStatus?)CriterionStatus.Unknown), (gap.Criterion, gap.Before, gap.After));
    }

    [Fact]
    public void Compare_UpcomingCriterionFailing_NotAGap()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("checkout", "payments", "1111111", "P"));
        var to = Side("2026-Q4", Q4Close, [Timeouts], State("checkout", "payments", "1111111", "f"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        Assert.Equal(0, result.Totals.NewGaps);
    }

    [Fact]
    public void Compare_ActionItems_DoneLateMissedOpenDroppedAndTargetCounted()
    {
        var day = DateOnly.FromDateTime(Q4Close);
        var due = new DateOnly(2026, 11, 30);
        var items = new[]
        {
            Item("On time", due, ActionItemStatus.Done, new DateOnly(2026, 11, 20)),
            Item("Late", due, ActionItemStatus.Done, new DateOnly(2026, 12, 5)),
            Item("Missed", due),
            Item("Not due yet", new DateOnly(2027, 1, 31)),
            Item("Dropped", due, ActionItemStatus.Dropped, new DateOnly(2026, 10, 1)),
            Item("Target", new DateOnly(2027, 1, 31), signal: ScalingSignal.CascadingFailures, target: ScoreLevel.Silver),
        };
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("checkout", "payments", "1111111", "P"));
        var to = Side("2026-Q4", Q4Close, [Timeouts],
            State("checkout", "payments", "1121111", "P"), State("ledger", "payments", "1111111", "P"), State("search", "discovery", "3333333", "P"));

        var result = ReviewComparison.Compare(from, to, items, day);

        Assert.Equal(
            [ActionOutcome.Done, ActionOutcome.DoneLate, ActionOutcome.Missed, ActionOutcome.Open, ActionOutcome.Dropped, ActionOutcome.Open],
            result.ActionItems.Select(a => a.Outcome));
        Assert.Equal((2, 1, 2, 1), (result.Totals.ActionsDone, result.Totals.ActionsMissed, result.Totals.ActionsOpen, result.Totals.ActionsDropped));
        var target = result.ActionItems[^1];
        Assert.Equal((1, 2), (target.TargetMet, target.TargetServices));
        Assert.Null(result.ActionItems[0].TargetMet);
    }

    [Fact]
    public void Compare_SignalDistributions_CountServicesPerLevelOnEachSide()
    {
        var from = Side("2026-Q3", Q3Close, [Timeouts], State("a", "t", "1111111", "P"), State("b", "t", "0000000", "F"));
        var to = Side("2026-Q4", Q4Close, [Timeouts], State("a", "t", "3333333", "P"), State("b", "t", "1111111", "P"));

        var result = ReviewComparison.Compare(from, to, [], DateOnly.FromDateTime(Q4Close));

        var coordination = result.Signals.Single(s => s.Signal == ScalingSignal.Coordination);
        Assert.Equal(new LevelDistribution(1, 1, 0, 0), coordination.Before);
        Assert.Equal(new LevelDistribution(0, 1, 0, 1), coordination.After);
        Assert.Equal(2, coordination.Improved);
    }
}
