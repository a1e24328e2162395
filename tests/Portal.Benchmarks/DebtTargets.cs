using System.Globalization;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>The tech-debt register's targets (issue 10) with 20,000 items on 10,000 services, checked for each debt run.</summary>
internal static class DebtTargets
{
    public const double FirstPageP95Ms = 20;
    public const double FilteredP95Ms = 20;
    public const double RecomputeAllSeconds = 2;
    public const double CandidatesP95Ms = 300;

    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<RunResult> results)
    {
        var checks = new List<TargetCheck>();
        foreach (var run in results.Where(r => r.Workload == "debt").OrderBy(r => r.Provider))
        {
            var items = run.Size * DebtWorkload.ItemsPerService;
            foreach (var (scenario, what, limit) in new[]
            {
                (DebtWorkload.FirstPage, $"debt register's first page by priority, {items:N0} items (p95)", FirstPageP95Ms),
                (DebtWorkload.Filtered, "debt register filtered by signal and status (p95)", FilteredP95Ms),
                (DebtWorkload.Candidates, $"suggested debt from the findings of {run.Size:N0} services (p95)", CandidatesP95Ms),
            })
            {
                var target = string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0} ms");
                checks.Add(Targets.Scenario(run, scenario) is { } s
                    ? new TargetCheck(run.Provider, what, target, Targets.Ms(s.Stats.P95), s.Stats.P95 <= limit)
                    : new TargetCheck(run.Provider, what, target, "—", null));
            }

            var recompute = run.Find(DebtWorkload.RecomputeAll);
            checks.Add(new TargetCheck(run.Provider, $"recompute every debt score after a table change, {items:N0} items", $"≤ {RecomputeAllSeconds:0} s",
                recompute is null ? "—" : Targets.Seconds(recompute.Value), recompute is null ? null : recompute.Value <= RecomputeAllSeconds));
        }

        return checks;
    }

    /// <summary>The debt run's scenarios in full (the targets table has only their p95).</summary>
    public static void Render(StringBuilder md, BenchReport? report)
    {
        if (report is null)
        {
            return;
        }

        md.AppendLine("## Tech-debt register");
        md.AppendLine();
        md.AppendLine("`seed scale --services N --debt 2N` adds two debt items per service (every signal, kind, quadrant and status; one to");
        md.AppendLine("three nearby services each) and then recomputes every score through the path a change of the scoring tables takes;");
        md.AppendLine("the verb's own time for that is *recompute-all*. Then the API, as the catalog read scenarios are timed. Milliseconds.");
        md.AppendLine();
        md.AppendLine("| Provider | Services | Scenario | Request | p50 | p95 | p99 | checked response |");
        md.AppendLine("| --- | ---: | --- | --- | ---: | ---: | ---: | --- |");
        foreach (var run in report.Results)
        {
            foreach (var s in run.Scenarios)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {s.Name}: {s.Description} | `{s.Request}` | {Targets.Num(s.Stats.P50)} | {Targets.Num(s.Stats.P95)} | {Targets.Num(s.Stats.P99)} | {s.Observed} |");
            }

            if (run.Find(DebtWorkload.RecomputeAll) is { } recompute)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {recompute.Name}: {recompute.Description} | `seed scale` | | {Targets.Seconds(recompute.Value)} | | {recompute.Observed} |");
            }
        }

        md.AppendLine();
    }
}
