using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards;

/// <summary>
/// Framework versions over time: a changed criterion with an effective date leaves the definition it replaces counting
/// until that day, so levels neither rise nor drop in between; a new one stays upcoming.
/// </summary>
public sealed class FrameworkVersionsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    // Fails on the untimed graph: svc → b declares no timeout.
    private static readonly CriterionDefinition Timeouts =
        new("timeouts", ScalingSignal.CascadingFailures, "Timeouts", ScoreLevel.Bronze, CriterionMode.Automatic, "w", "g", "f", 2, "sync-timeouts");

    // Passes on the untimed graph: there is no loop.
    private static readonly CriterionDefinition NoCycle =
        new("no-cycle", ScalingSignal.CascadingFailures, "No loop", ScoreLevel.Bronze, CriterionMode.Automatic, "w", "g", "f", 1, "no-sync-cycle");

    private static DependencyGraph Untimed() => new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b").Build();

    private static ServiceScorecard Evaluate(ScorecardFramework framework, DateTime at) =>
        ScorecardEvaluator.Evaluate(framework, Service(), new ScorecardGraph(Untimed()), ServiceInputs.None, at);

    private static CriterionResult Result(ServiceScorecard card, string key) => card.Results.Single(r => r.Criterion == key);

    /// <summary>Version 1: timeouts at Bronze (failing). Version 2 re-levels it to Gold from <paramref name="effective"/>.</summary>
    private static ScorecardFramework Relevelled(DateOnly effective) =>
        new ScorecardFramework(2, 90, [Timeouts with { Level = ScoreLevel.Gold, Title = "Every call times out", EffectiveFrom = effective }, NoCycle])
            .Following(new ScorecardFramework(1, 90, [Timeouts, NoCycle]));

    [Fact]
    public void Evaluate_ChangedCriterionNotYetEffective_PreviousDefinitionStillCounts()
    {
        var card = Evaluate(Relevelled(Today.AddDays(10)), Now);

        // Without the previous definition the failing criterion would drop out and the signal would jump to Gold.
        var result = Result(card, "timeouts");
        Assert.False(result.Upcoming);
        Assert.Equal(ScoreLevel.Bronze, result.Level);
        Assert.Equal(CriterionStatus.Fail, result.Status);
        Assert.Equal(ScoreLevel.None, card.Levels[ScalingSignal.CascadingFailures]);
        Assert.Equal(2, result.FrameworkVersion);
    }

    [Fact]
    public void Evaluate_ChangedCriterionNotYetEffective_SaysWhatChangesAndWhen()
    {
        var result = Result(Evaluate(Relevelled(Today.AddDays(10)), Now), "timeouts");

        Assert.Equal(Today.AddDays(10), result.ChangesOn);
        Assert.Equal(ScoreLevel.Gold, result.LevelAfterChange);
        Assert.Equal(CriterionStatus.Fail, result.StatusAfterChange);
    }

    [Fact]
    public void Evaluate_ChangedCriterionOnItsEffectiveDay_NewDefinitionCounts()
    {
        var card = Evaluate(Relevelled(Today.AddDays(10)), Now.AddDays(10));

        var result = Result(card, "timeouts");
        Assert.Equal(ScoreLevel.Gold, result.Level);
        Assert.Null(result.ChangesOn);
        Assert.Equal(ScoreLevel.Silver, card.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_ChangedTwiceBothAhead_OldestDefinitionCountsThenEachInTurn()
    {
        var v1 = new ScorecardFramework(1, 90, [Timeouts, NoCycle]);
        var v2 = new ScorecardFramework(2, 90, [Timeouts with { Level = ScoreLevel.Silver, EffectiveFrom = Today.AddDays(10) }, NoCycle]).Following(v1);
        var v3 = new ScorecardFramework(3, 90, [Timeouts with { Level = ScoreLevel.Gold, EffectiveFrom = Today.AddDays(20) }, NoCycle]).Following(v2);

        Assert.Equal(ScoreLevel.Bronze, Result(Evaluate(v3, Now), "timeouts").Level);
        Assert.Equal(ScoreLevel.Silver, Result(Evaluate(v3, Now.AddDays(10)), "timeouts").Level);
        Assert.Equal(ScoreLevel.Gold, Result(Evaluate(v3, Now.AddDays(20)), "timeouts").Level);
        Assert.Equal(Today.AddDays(20), Result(Evaluate(v3, Now.AddDays(10)), "timeouts").ChangesOn);
    }

    [Fact]
    public void Evaluate_ChangeCarriedUnchangedIntoALaterVersion_PreviousDefinitionStillCounts()
    {
        var v1 = new ScorecardFramework(1, 90, [Timeouts, NoCycle]);
        var changed = Timeouts with { Level = ScoreLevel.Gold, EffectiveFrom = Today.AddDays(10) };
        var v2 = new ScorecardFramework(2, 90, [changed, NoCycle]).Following(v1);
        var v3 = new ScorecardFramework(3, 90, [changed, NoCycle with { Title = "No loops" }]).Following(v2);

        Assert.Equal(ScoreLevel.Bronze, Result(Evaluate(v3, Now), "timeouts").Level);
    }

    [Fact]
    public void Evaluate_NewCriterionNotYetEffective_UpcomingAndNotCounted()
    {
        var framework = new ScorecardFramework(2, 90, [Timeouts with { EffectiveFrom = Today.AddDays(10) }, NoCycle])
            .Following(new ScorecardFramework(1, 90, [NoCycle]));

        var card = Evaluate(framework, Now);

        Assert.True(Result(card, "timeouts").Upcoming);
        Assert.Null(Result(card, "timeouts").ChangesOn);
        Assert.Equal(ScoreLevel.Gold, card.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_RetiredBeforeAndBackWithAnEffectiveDate_UpcomingLikeANewCriterion()
    {
        var framework = new ScorecardFramework(2, 90, [Timeouts with { EffectiveFrom = Today.AddDays(10) }, NoCycle])
            .Following(new ScorecardFramework(1, 90, [Timeouts with { Retired = true }, NoCycle]));

        Assert.True(Result(Evaluate(framework, Now), "timeouts").Upcoming);
    }

    [Fact]
    public void CountingOn_ChangedCriterion_DefinitionInForceThatDay()
    {
        var framework = Relevelled(Today.AddDays(10));

        Assert.Equal("Timeouts", framework.CountingOn("timeouts", Today)!.Title);
        Assert.Equal("Every call times out", framework.CountingOn("timeouts", Today.AddDays(10))!.Title);
        Assert.Null(framework.CountingOn("nothing", Today));
    }
}
