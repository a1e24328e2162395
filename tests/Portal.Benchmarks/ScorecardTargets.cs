using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>The scorecard targets (issue 11) on 10,000 services, checked for each scorecards run.</summary>
internal static class ScorecardTargets
{
    public const double EvaluateAllSeconds = 5;
    public const double ScorecardP95Ms = 20;
    public const double RollupP95Ms = 300;

    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<RunResult> results)
    {
        var checks = new List<TargetCheck>();
        foreach (var run in results.Where(r => r.Workload == "scorecards").OrderBy(r => r.Provider))
        {
            if (run.Find(ScorecardsWorkload.EvaluateAll) is { } all)
            {
                checks.Add(new TargetCheck(run.Provider, $"evaluate every automatic criterion of {run.Size:N0} services and store them", $"≤ {EvaluateAllSeconds:0} s",
                    Targets.Seconds(all.Value), all.Value <= EvaluateAllSeconds));
            }

            foreach (var (scenario, what, limit) in new[] { (ScorecardsWorkload.OneScorecard, "one service's scorecard (p95)", ScorecardP95Ms), (ScorecardsWorkload.Rollup, "organisation roll-up (p95)", RollupP95Ms) })
            {
                checks.Add(Targets.Scenario(run, scenario) is { } s
                    ? new TargetCheck(run.Provider, what, string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0} ms"), Targets.Ms(s.Stats.P95), s.Stats.P95 <= limit)
                    : new TargetCheck(run.Provider, what, string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0} ms"), "—", null));
            }
        }

        return checks;
    }
}
