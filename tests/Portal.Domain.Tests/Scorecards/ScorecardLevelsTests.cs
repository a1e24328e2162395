using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Scorecards;

public sealed class ScorecardLevelsTests
{
    private static CriterionResult R(ScalingSignal signal, ScoreLevel level, CriterionStatus status, bool upcoming = false) =>
        new("k", signal, level, CriterionMode.Automatic, status, "", DateTime.UnixEpoch, null, 1, Upcoming: upcoming);

    [Fact]
    public void Reached_AllPass_Gold() =>
        Assert.Equal(ScoreLevel.Gold, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Pass), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Gold, CriterionStatus.Pass)]));

    [Fact]
    public void Reached_BronzeFails_NoneEvenIfGoldPasses() =>
        Assert.Equal(ScoreLevel.None, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Fail), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Silver, CriterionStatus.Pass), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Gold, CriterionStatus.Pass)]));

    [Fact]
    public void Reached_SilverUnknown_Bronze() =>
        Assert.Equal(ScoreLevel.Bronze, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Pass), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Silver, CriterionStatus.Unknown)]));

    [Fact]
    public void Reached_ExemptDoesNotBlock() =>
        Assert.Equal(ScoreLevel.Gold, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Exempt), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Silver, CriterionStatus.Pass)]));

    [Fact]
    public void Reached_UpcomingFailureDoesNotCount() =>
        Assert.Equal(ScoreLevel.Gold, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Pass), R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Fail, upcoming: true)]));

    [Fact]
    public void Reached_NoCountedCriteria_None()
    {
        Assert.Equal(ScoreLevel.None, ScorecardLevels.Reached([]));
        Assert.Equal(ScoreLevel.None, ScorecardLevels.Reached([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Pass, upcoming: true)]));
    }

    [Fact]
    public void PerSignal_SignalWithoutCriteria_None() =>
        Assert.Equal(ScoreLevel.None, ScorecardLevels.PerSignal([R(ScalingSignal.DeliveryPipeline, ScoreLevel.Bronze, CriterionStatus.Pass)])[ScalingSignal.Observability]);

    [Fact]
    public void Overall_IsLowestSignalNotAverage()
    {
        var results = ScalingSignals.All.Select(s => R(s, ScoreLevel.Gold, CriterionStatus.Pass))
            .Append(R(ScalingSignal.Observability, ScoreLevel.Silver, CriterionStatus.Fail)).ToList();

        var perSignal = ScorecardLevels.PerSignal(results);

        Assert.Equal(ScoreLevel.Bronze, perSignal[ScalingSignal.Observability]);
        Assert.Equal(ScoreLevel.Gold, perSignal[ScalingSignal.DeliveryPipeline]);
        Assert.Equal(ScoreLevel.Bronze, ScorecardLevels.Overall(perSignal));
    }
}
