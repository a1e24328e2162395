using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

public sealed class ScorecardEvaluatorTests
{
    private static readonly CriterionDefinition Timeouts =
        new("timeouts", ScalingSignal.CascadingFailures, "Timeouts", ScoreLevel.Bronze, CriterionMode.Automatic, "w", "g", "f", 2, "sync-timeouts");

    private static readonly CriterionDefinition Drills =
        new("drills", ScalingSignal.CascadingFailures, "Drills", ScoreLevel.Silver, CriterionMode.SelfAssessed, "w", "g", "f", 3,
            Question: "Rehearsed?", PassAt: 3, EvidenceCheck: "sync-timeouts");

    private static readonly CriterionDefinition Scanner =
        new("scanner", ScalingSignal.DeliveryPipeline, "Scan", ScoreLevel.Bronze, CriterionMode.External, "w", "g", "f", 1);

    private static readonly ScorecardFramework Framework = new(4, 90, [Timeouts, Drills, Scanner]);

    private static DependencyGraph Untimed() => new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b").Build();

    private static DependencyGraph Timed() => new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b", timeoutMs: 300).Build();

    private static AssessmentAnswer Answer(int maturity, DateTime? expires = null) =>
        new("drills", maturity, "We broke payments on purpose in March.", null, "Ada Okafor", Now.AddDays(-10), expires ?? Now.AddDays(80));

    private static ServiceScorecard Evaluate(DependencyGraph graph, ServiceInputs inputs, ScorecardFramework? framework = null) =>
        ScorecardEvaluator.Evaluate(framework ?? Framework, Service(), new ScorecardGraph(graph), inputs, Now);

    private static CriterionResult Result(ServiceScorecard card, string key) => card.Results.Single(r => r.Criterion == key);

    [Fact]
    public void Evaluate_RecordsFrameworkVersionAndEvaluationTime()
    {
        var card = Evaluate(Timed(), ServiceInputs.None);

        Assert.All(card.Results, r => Assert.Equal(4, r.FrameworkVersion));
        Assert.All(card.Results, r => Assert.Equal(Now, r.EvaluatedAt));
    }

    [Fact]
    public void Evaluate_NoAnswer_UnknownAndBlocksLevel()
    {
        var card = Evaluate(Timed(), ServiceInputs.None);

        Assert.Equal(CriterionStatus.Unknown, Result(card, "drills").Status);
        Assert.Equal(ScoreLevel.Bronze, card.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_PassingAnswer_Passes()
    {
        var card = Evaluate(Timed(), new ServiceInputs([Answer(3)], [], []));

        var result = Result(card, "drills");
        Assert.Equal(CriterionStatus.Pass, result.Status);
        Assert.False(result.Flagged);
        Assert.Equal(Now.AddDays(-10), result.DataAsOf);
        Assert.Equal(ScoreLevel.Gold, card.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_LowAnswer_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Result(Evaluate(Timed(), new ServiceInputs([Answer(2)], [], [])), "drills").Status);

    [Fact]
    public void Evaluate_ExpiredAnswer_UnknownAskingForReattestation()
    {
        var card = Evaluate(Timed(), new ServiceInputs([Answer(4, expires: Now.AddDays(-1))], [], []));

        var result = Result(card, "drills");
        Assert.Equal(CriterionStatus.Unknown, result.Status);
        Assert.Contains("expired", result.Evidence);
        Assert.Contains("re-attested", result.Evidence);
    }

    [Fact]
    public void Evaluate_AnswerContradictedByEvidence_FlaggedWithReason()
    {
        var card = Evaluate(Untimed(), new ServiceInputs([Answer(4)], [], []));

        var result = Result(card, "drills");
        Assert.True(result.Flagged);
        Assert.Contains("Answered 4, but", result.FlagReason);
        Assert.Contains("svc → b", result.FlagReason);
    }

    [Fact]
    public void Evaluate_EvidenceCheckWithThresholds_UsesTheCheckDefaults()
    {
        // One retry with backoff is within bounded-retries' defaults (3 retries, amplification 10): no flag.
        var graph = new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b", timeoutMs: 300, retries: 1, backoff: true).Build();
        var retrySafe = Drills with { EvidenceCheck = "bounded-retries" };

        var card = Evaluate(graph, new ServiceInputs([Answer(4)], [], []), new ScorecardFramework(4, 90, [retrySafe]));

        Assert.False(Result(card, "drills").Flagged);
    }

    [Fact]
    public void Evaluate_EvidenceCheck_UsesTheFrameworksThresholdsForThatCheck()
    {
        // Four retries: beyond bounded-retries' default of 3, within the framework's own automatic criterion's 5.
        var graph = new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b", timeoutMs: 300, retries: 4, backoff: true).Build();
        var retrySafe = Drills with { EvidenceCheck = "bounded-retries" };
        var lenient = Criterion("bounded-retries", new() { ["maxRetries"] = 5 });

        var withDefaults = Evaluate(graph, new ServiceInputs([Answer(4)], [], []), new ScorecardFramework(4, 90, [retrySafe]));
        var withFramework = Evaluate(graph, new ServiceInputs([Answer(4)], [], []), new ScorecardFramework(4, 90, [retrySafe, lenient]));

        Assert.True(Result(withDefaults, "drills").Flagged);
        Assert.False(Result(withFramework, "drills").Flagged);
        Assert.Equal(CriterionStatus.Pass, Result(withFramework, "bounded-retries").Status);
    }

    [Fact]
    public void Evaluate_EvidenceCheckWithItsOwnThresholds_TheyWin()
    {
        var graph = new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("b").Edge("svc", "b", timeoutMs: 300, retries: 2, backoff: true).Build();
        var strict = Drills with { EvidenceCheck = "bounded-retries", Parameters = new Dictionary<string, double> { ["maxRetries"] = 1 } };
        var lenient = Criterion("bounded-retries", new() { ["maxRetries"] = 5 });

        var card = Evaluate(graph, new ServiceInputs([Answer(4)], [], []), new ScorecardFramework(4, 90, [strict, lenient]));

        Assert.True(Result(card, "drills").Flagged);
    }

    [Fact]
    public void Evaluate_LowAnswerWithFailingEvidence_NotFlagged() =>
        Assert.False(Result(Evaluate(Untimed(), new ServiceInputs([Answer(1)], [], [])), "drills").Flagged);

    [Fact]
    public void Evaluate_ActiveExemption_ExemptAndLevelRises()
    {
        var without = Evaluate(Untimed(), ServiceInputs.None);
        var with = Evaluate(Untimed(), new ServiceInputs([Answer(3)], [new ExemptionGrant("timeouts", "Legacy client, replaced in Q1.", DateOnly.FromDateTime(Now).AddDays(30), "Erik")], []));

        Assert.Equal(ScoreLevel.None, without.Levels[ScalingSignal.CascadingFailures]);
        var result = Result(with, "timeouts");
        Assert.Equal(CriterionStatus.Exempt, result.Status);
        Assert.Equal(CriterionStatus.Fail, result.StatusWithoutExemption);
        Assert.Contains("Legacy client", result.Evidence);
        Assert.Equal(ScoreLevel.Gold, with.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_EndedExemption_CountsAgain()
    {
        var card = Evaluate(Untimed(), new ServiceInputs([], [new ExemptionGrant("timeouts", "Old reason.", DateOnly.FromDateTime(Now).AddDays(-1), "Erik")], []));

        Assert.Equal(CriterionStatus.Fail, Result(card, "timeouts").Status);
    }

    [Fact]
    public void Evaluate_PermanentExemption_Applies() =>
        Assert.Equal(CriterionStatus.Exempt, Result(Evaluate(Untimed(), new ServiceInputs([], [new ExemptionGrant("timeouts", "Batch only.", null, "Erik")], [])), "timeouts").Status);

    [Fact]
    public void Evaluate_UpcomingCriterion_ShownButNotCounted()
    {
        var upcoming = Timeouts with { EffectiveFrom = DateOnly.FromDateTime(Now).AddDays(10) };
        var card = Evaluate(Untimed(), ServiceInputs.None, new ScorecardFramework(5, 90, [upcoming, Criterion("no-sync-cycle")]));

        var result = Result(card, "timeouts");
        Assert.True(result.Upcoming);
        Assert.Equal(CriterionStatus.Fail, result.Status);
        Assert.Equal(ScoreLevel.Gold, card.Levels[ScalingSignal.CascadingFailures]);
    }

    [Fact]
    public void Evaluate_RetiredCriterion_NotEvaluated()
    {
        var card = Evaluate(Untimed(), ServiceInputs.None, new ScorecardFramework(5, 90, [Timeouts with { Retired = true }]));

        Assert.Empty(card.Results);
    }

    [Fact]
    public void Evaluate_PushedResult_UsedUntilStale()
    {
        var fresh = Evaluate(Timed(), new ServiceInputs([], [], [new ExternalResult("scanner", CriterionStatus.Pass, "0 critical findings", Now.AddDays(-2), "ci")]));
        var stale = Evaluate(Timed(), new ServiceInputs([], [], [new ExternalResult("scanner", CriterionStatus.Pass, "0 critical findings", Now.AddDays(-40), "ci")]));

        Assert.Equal(CriterionStatus.Pass, Result(fresh, "scanner").Status);
        Assert.Contains("Pushed by ci", Result(fresh, "scanner").Evidence);
        Assert.Equal(CriterionStatus.Unknown, Result(stale, "scanner").Status);
    }

    [Fact]
    public void Evaluate_NoPushedResult_Unknown() =>
        Assert.Equal(CriterionStatus.Unknown, Result(Evaluate(Timed(), ServiceInputs.None), "scanner").Status);

    [Fact]
    public void Evaluate_RewordedCriterionInNewVersion_KeepsKeyAndRecordsNewVersion()
    {
        var reworded = new ScorecardFramework(6, 90, [Timeouts with { Title = "All synchronous calls time out" }]);

        var card = Evaluate(Timed(), ServiceInputs.None, reworded);

        Assert.Equal("timeouts", Result(card, "timeouts").Criterion);
        Assert.Equal(6, Result(card, "timeouts").FrameworkVersion);
    }
}
