using System.Globalization;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>The quarterly review targets (issue 12) on 10,000 services and 2,000 teams, checked for each reviews run.</summary>
internal static class ReviewTargets
{
    public const double CloseSeconds = 10;
    public const double CloseExtraMB = 500;
    public const double CompareMs = 1000;
    public const double ReportPageMs = 2000;

    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<RunResult> results)
    {
        var checks = new List<TargetCheck>();
        foreach (var run in results.Where(r => r.Workload == "reviews").OrderBy(r => r.Provider))
        {
            // Both closes count: the second also reads the previous review's action items.
            var closes = new[] { run.Find(ReviewsWorkload.CloseFirst), run.Find(ReviewsWorkload.CloseSecond) }.OfType<Measure>().ToList();
            var slowest = closes.MaxBy(m => m.Value);
            checks.Add(new TargetCheck(run.Provider, $"close a review over {run.Size:N0} services (the slower of two closes)", $"≤ {CloseSeconds:0} s",
                slowest is null ? "—" : Targets.Seconds(slowest.Value), slowest is null ? null : slowest.Value <= CloseSeconds));
            var memory = new[] { run.Find(ReviewsWorkload.CloseFirstMemory), run.Find(ReviewsWorkload.CloseSecondMemory) }.OfType<Measure>().MaxBy(m => m.Value);
            var extraMb = memory is null ? (double?)null : memory.Value * 1024 * 1024 / 1_000_000;
            checks.Add(new TargetCheck(run.Provider, $"extra memory while closing over {run.Size:N0} services (peak RSS during the close minus before)", $"≤ {CloseExtraMB:0} MB",
                extraMb is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB") : "—", extraMb is { } v ? v <= CloseExtraMB : null));
            foreach (var (scenario, what, limit) in new[]
            {
                (ReviewsWorkload.Compare, $"compare two closed reviews of {run.Size:N0} services (p95)", CompareMs),
                (ReviewsWorkload.ReportPage, $"report page of a {run.Size / 5:N0}-team organisation in Chromium (p95)", ReportPageMs),
            })
            {
                var target = string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0} ms");
                checks.Add(Targets.Scenario(run, scenario) is { } s
                    ? new TargetCheck(run.Provider, what, target, Targets.Ms(s.Stats.P95), s.Stats.P95 <= limit)
                    : new TargetCheck(run.Provider, what, target, "—", null));
            }
        }

        return checks;
    }

    /// <summary>The reviews run in full (the targets table has only the slowest close and the p95s).</summary>
    public static void Render(StringBuilder md, BenchReport? report)
    {
        md.AppendLine("## Quarterly reviews");
        md.AppendLine();
        if (report is null)
        {
            md.AppendLine("Not measured yet: run with `--workloads reviews`.");
            md.AppendLine();
            return;
        }

        md.AppendLine("How: `seed scale --services N` (N/5 teams) and one `scorecards evaluate`. Then `reviews close` (its own process, the");
        md.AppendLine("same executable and settings as the server) closes last quarter's organisation review: it brings scorecards up to date,");
        md.AppendLine("reads everything in one read transaction and writes the snapshot; the verb reports the close's own time, and the memory it");
        md.AppendLine("needed as its peak resident set during the close (`VmHWM`, reset just before) minus its resident set before. A server then");
        md.AppendLine(CultureInfo.InvariantCulture, $"takes an admin's answer to one self-assessed criterion for one service in {ReviewsWorkload.AnsweredEvery}, and this quarter's review is closed the same way.");
        md.AppendLine("Against a Production server: `GET /api/v1/reviews/compare` of the two closed reviews (a few warm-up and 20 timed requests;");
        md.AppendLine("the response must count N services on both sides and a closed gap per answer). Against a Development server (it serves");
        md.AppendLine("Blazor's script from the build output): Chromium signs in and opens this quarter's printable report, timed from the");
        md.AppendLine("start of the navigation until the page is interactive with its last section (what changed since last quarter) on it;");
        md.AppendLine("the report is then printed to `artifacts/benchmarks/review-report-<quarter>.pdf`.");
        md.AppendLine();
        md.AppendLine("| Provider | Services | What | Measured | p50 | p95 | max | Checked |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            foreach (var m in run.Measures ?? [])
            {
                var value = m.Unit == "s" ? Targets.Seconds(m.Value) : string.Create(CultureInfo.InvariantCulture, $"{m.Value:0} {m.Unit}");
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {m.Name}: {m.Description} | {value} | | | | {m.Observed} |");
            }

            foreach (var s in run.Scenarios)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {s.Name}: {s.Description} (`{s.Request}`) | | {Targets.Num(s.Stats.P50)} ms | {Targets.Num(s.Stats.P95)} ms | {Targets.Num(s.Stats.Max)} ms | {s.Observed} |");
            }
        }

        md.AppendLine();
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Targets.ProviderName(run.Provider)}: {run.SeedReport} Compare server's peak RSS {run.PeakRssBytes / (1024.0 * 1024):0} MiB.");
        }

        md.AppendLine();
    }
}
