using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// Scorecards at scale (issue 11), on the catalog <c>seed scale --services N</c> makes. <c>scorecards evaluate</c>
/// runs as its own process twice: the first pass evaluates every automatic criterion of every service and writes
/// every scorecard; the second finds nothing changed and writes nothing (what a re-evaluation after a small change
/// costs, plus the evaluation itself). The verb reports the pass's own time, without process start-up. Then, against
/// the server: one service's scorecard, and the organisation roll-up (per team and signal).
/// </summary>
internal sealed partial class ScorecardsWorkload : IWorkload
{
    public const string EvaluateAll = "evaluate-all";
    public const string EvaluateAgain = "evaluate-again";
    public const string OneScorecard = "scorecard";
    public const string Rollup = "rollup";

    public string Name => "scorecards";

    /// <summary>Only the largest size: the targets are about 10,000 services.</summary>
    public IReadOnlyList<int> Sizes(BenchOptions options) => [options.Sizes.Max()];

    public async Task<RunResult> RunAsync(RunContext context, CancellationToken ct)
    {
        var (app, options, provider, size) = context;
        await LoadGuard.WaitForQuietAsync(options.MaxLoad, options.LoadRetries, options.LoadWait, ct);
        await using var db = await BenchDatabase.CreateAsync(provider, options.PostgresAdmin, ct);
        var port = PortalApp.FreePort();

        Console.WriteLine($"  seed scale --services {size}…");
        var seed = await app.RunVerbAsync(db, port, ["seed", "scale", "--services", size.ToString(CultureInfo.InvariantCulture)], ct);
        var seedReport = seed.Stdout.LastOrDefault() ?? "";
        Console.WriteLine($"    {seedReport}");
        var viewer = (await app.RunVerbAsync(db, port, ["token", "create", "--name", "bench", "--role", "viewer"], ct)).Stdout[^1];
        if (options.Analyze)
        {
            await db.AnalyzeAsync(ct);
        }

        var measures = new List<Measure>();
        foreach (var (name, what) in new[] { (EvaluateAll, "first pass: every automatic criterion of every service evaluated and every scorecard written"), (EvaluateAgain, "second pass, nothing changed: everything evaluated again, nothing written") })
        {
            var run = await app.RunVerbAsync(db, port, ["scorecards", "evaluate"], ct);
            var line = run.Stdout.LastOrDefault(l => l.StartsWith("Evaluated", StringComparison.Ordinal)) ?? throw new InvalidOperationException("scorecards evaluate printed no summary:\n" + string.Join('\n', run.Stdout));
            var match = Summary().Match(line);
            if (!match.Success)
            {
                throw new InvalidOperationException("unexpected summary: " + line);
            }

            // The second pass must find nothing to write: a result that changes on every pass (a "data as of now")
            // would rewrite every row and make the measure a lie.
            var changed = int.Parse(match.Groups["changed"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            if (name == EvaluateAgain && changed != 0)
            {
                throw new InvalidOperationException($"the second pass changed {changed} scorecards, not 0: {line}");
            }

            var ms = double.Parse(match.Groups["ms"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Console.WriteLine($"    {line}");
            measures.Add(new Measure(name, what, ms / 1000, "s", string.Create(CultureInfo.InvariantCulture, $"{line}; process wall {run.Elapsed.TotalSeconds:0.0} s, peak RSS {run.PeakRssBytes / (1024.0 * 1024):0} MiB"), double.NaN, 1));
        }

        var results = new List<ScenarioResult>();
        long peakRss;
        var server = await app.StartServerAsync(db, port, ct);
        try
        {
            using var client = HttpScenarios.Client(server.BaseAddress, viewer);
            var service = GraphWorkload.Services(size).Middle;
            IReadOnlyList<ReadScenario> scenarios =
            [
                new(OneScorecard, $"one service's scorecard (`{service}`) with next steps", $"/api/v1/scorecards/{service}", (root, _) => CheckScorecard(root, service)),
                new(Rollup, "organisation roll-up: levels per signal for the organisation and every team", "/api/v1/scorecards/rollup", (root, _) => CheckRollup(root, size)),
            ];
            await HttpScenarios.WarmUpServerAsync(client, options.ServerWarmup, scenarios, ct);
            foreach (var scenario in scenarios)
            {
                results.Add(await HttpScenarios.MeasureQuietlyAsync(client, server, db, scenario, size, options, ct));
            }

            peakRss = server.PeakRssBytes();
        }
        finally
        {
            await server.DisposeAsync();
        }

        var quiet = results.All(r => !(r.OtherCores > options.MaxOtherCpu));
        return new RunResult(Name, provider, size, results, seed.Elapsed, seedReport, peakRss, results[0].LoadAtStart, LoadGuard.Read().One, quiet, Measures: measures);
    }

    private static string CheckScorecard(JsonElement root, string service)
    {
        if (root.GetProperty("service").GetString() != service || root.GetProperty("signals").GetArrayLength() != 7)
        {
            throw new InvalidOperationException($"the scorecard of {service} is not the one asked for, or lacks signals");
        }

        return $"overall {root.GetProperty("overall").GetString()}, 7 signals";
    }

    private static string CheckRollup(JsonElement root, int size)
    {
        var services = root.GetProperty("organisation").GetProperty("services").GetInt32();
        if (services != size)
        {
            throw new InvalidOperationException($"the roll-up counts {services} services, not {size}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{services:N0} services, {root.GetProperty("teams").GetArrayLength():N0} teams");
    }

    [GeneratedRegex(@": (?<changed>[\d,]+) changed, in (?<ms>[\d,]+) ms")]
    private static partial Regex Summary();
}
