using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Domain.Tests.Scorecards;

public sealed class NextStepsAndRollupTests
{
    private static readonly ScorecardFramework Framework = new(1, 90,
    [
        new("cheap", ScalingSignal.Observability, "c", ScoreLevel.Bronze, CriterionMode.Automatic, "w", "g", "f", 1, "runbook-link"),
        new("dear", ScalingSignal.Observability, "d", ScoreLevel.Silver, CriterionMode.Automatic, "w", "g", "f", 5, "dashboard-link"),
        new("slow", ScalingSignal.DeliveryPipeline, "s", ScoreLevel.Bronze, CriterionMode.Automatic, "w", "g", "f", 8, "ci-workflow"),
    ]);

    private static CriterionResult R(string key, ScalingSignal signal, ScoreLevel level, CriterionStatus status) =>
        new(key, signal, level, CriterionMode.Automatic, status, "", DateTime.UnixEpoch, null, 1);

    private static ServiceScorecard Card(params CriterionResult[] results)
    {
        var levels = ScorecardLevels.PerSignal(results);
        return new ServiceScorecard("svc", 1, DateTime.UnixEpoch, results, levels, ScorecardLevels.Overall(levels));
    }

    [Fact]
    public void For_ListsCheapestStepFirstAndOnlyNextLevelBlockers()
    {
        var card = Card(
            R("cheap", ScalingSignal.Observability, ScoreLevel.Bronze, CriterionStatus.Fail),
            R("dear", ScalingSignal.Observability, ScoreLevel.Silver, CriterionStatus.Fail),
            R("slow", ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Unknown));

        var steps = NextSteps.For(card, Framework, blastRadius: 0);

        Assert.Equal(ScalingSignal.Observability, steps[0].Signal);
        Assert.Equal(["cheap"], steps[0].Criteria.Select(c => c.Key));
        Assert.Equal(ScoreLevel.Bronze, steps[0].To);
        Assert.Equal(8, steps[1].Days);
    }

    [Fact]
    public void For_LargerBlastRadius_RaisesPriority()
    {
        var card = Card(R("cheap", ScalingSignal.Observability, ScoreLevel.Bronze, CriterionStatus.Fail));

        var lone = NextSteps.For(card, Framework, 0)[0];
        var hub = NextSteps.For(card, Framework, 255)[0];

        Assert.Equal(1, lone.BlastWeight);
        Assert.Equal(9, hub.BlastWeight);
        Assert.True(hub.Priority > lone.Priority);
    }

    [Fact]
    public void Rollup_CountsLevelsPerTeamAndSignal()
    {
        static ServiceLevels S(string name, string? team, ScoreLevel delivery) =>
            new(name, name, team, 2, ScalingSignals.All.ToDictionary(s => s, s => s == ScalingSignal.DeliveryPipeline ? delivery : ScoreLevel.Gold), delivery);
        var services = new[] { S("a", "t1", ScoreLevel.None), S("b", "t1", ScoreLevel.Silver), S("c", "t2", ScoreLevel.Gold), S("d", null, ScoreLevel.Bronze) };

        var org = ScorecardRollup.ForOrganisation(services);
        var teams = ScorecardRollup.ByTeam(services);

        Assert.Equal(new LevelDistribution(1, 1, 1, 1), org.PerSignal[ScalingSignal.DeliveryPipeline]);
        Assert.Equal(ScalingSignal.DeliveryPipeline, org.Weakest()[0]);
        Assert.Equal(["t1", "t2"], teams.Select(t => t.Key));
        Assert.Equal(0.5, teams[0].PerSignal[ScalingSignal.DeliveryPipeline].ShareAtLeast(ScoreLevel.Bronze));
        Assert.Equal(ScoreLevel.None, teams[0].PerSignal[ScalingSignal.DeliveryPipeline].Lowest);
    }
}
