using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// Quarterly reviews at scale (issue 12), on the catalog <c>seed scale --services N</c> makes (10,000 services, 2,000
/// teams). After one scorecard pass, <c>reviews close</c> closes last quarter's organisation review in its own process
/// and reports the close's own time and the memory it needed (peak resident set during the close minus before it).
/// Then a server: an admin answers one self-assessed criterion for one service in fifty (a quarter's progress), and
/// <c>reviews close</c> closes this quarter's review the same way. Against the server: the comparison of the two closed
/// reviews through the API, and the printable report page of this quarter's review (every team listed, what changed
/// since last quarter) in Chromium.
/// </summary>
internal sealed partial class ReviewsWorkload : IWorkload
{
    public const string CloseFirst = "close";
    public const string CloseSecond = "close-again";
    public const string CloseFirstMemory = "close-memory";
    public const string CloseSecondMemory = "close-again-memory";
    public const string Compare = "compare";
    public const string ReportPage = "report-page";

    /// <summary>One service in this many gets a new answer between the two closes.</summary>
    public const int AnsweredEvery = 50;

    /// <summary>Each compare request takes up to a second at 10,000 services: fewer samples than the catalog reads.</summary>
    private const int CompareRequests = 20;
    private const int CompareWarmup = 3;
    private const int PageWarmup = 2;
    private const int PageSamples = 10;

    public string Name => "reviews";

    /// <summary>Only the largest size: the targets are about 10,000 services and 2,000 teams.</summary>
    public IReadOnlyList<int> Sizes(BenchOptions options) => [options.Sizes.Max()];

    public async Task<RunResult> RunAsync(RunContext context, CancellationToken ct)
    {
        var (app, options, provider, size) = context;
        await LoadGuard.WaitForQuietAsync(options.MaxLoad, options.LoadRetries, options.LoadWait, ct);
        await using var db = await BenchDatabase.CreateAsync(provider, options.PostgresAdmin, ct);
        var port = PortalApp.FreePort();
        var (previous, current) = Quarters(DateOnly.FromDateTime(DateTime.UtcNow));

        Console.WriteLine($"  seed scale --services {size}…");
        var seed = await app.RunVerbAsync(db, port, ["seed", "scale", "--services", Invariant(size)], ct);
        var seedReport = seed.Stdout.LastOrDefault() ?? "";
        Console.WriteLine($"    {seedReport}");
        var viewer = (await app.RunVerbAsync(db, port, ["token", "create", "--name", "bench", "--role", "viewer"], ct)).Stdout[^1];
        var admin = (await app.RunVerbAsync(db, port, ["token", "create", "--name", "bench-admin", "--role", "admin"], ct)).Stdout[^1];
        var pass = await app.RunVerbAsync(db, port, ["scorecards", "evaluate"], ct);
        Console.WriteLine($"    {pass.Stdout.LastOrDefault()}");
        if (options.Analyze)
        {
            await db.AnalyzeAsync(ct);
        }

        var measures = new List<Measure>();
        await CloseAsync(app, db, port, options, previous, size, CloseFirst, CloseFirstMemory, $"close last quarter's organisation review ({previous}): every service frozen", measures, ct);

        var answered = 0;
        var server = await app.StartServerAsync(db, port, ct);
        try
        {
            using var client = HttpScenarios.Client(server.BaseAddress, admin);
            answered = await AnswerAsync(client, size, ct);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Console.WriteLine($"    answered idempotent-writes for {answered:N0} services");
        await CloseAsync(app, db, port, options, current, size, CloseSecond, CloseSecondMemory,
            $"close this quarter's review ({current}) after {answered:N0} new answers, with last quarter's review to look back on", measures, ct);

        var results = new List<ScenarioResult>();
        long peakRss;
        server = await app.StartServerAsync(db, port, ct);
        try
        {
            using var client = HttpScenarios.Client(server.BaseAddress, viewer);
            var compare = new ReadScenario(Compare, $"two closed reviews of {size:N0} services compared ({previous} → {current})",
                $"/api/v1/reviews/compare?from={previous}&to={current}", (root, _) => CheckCompare(root, size, answered));
            results.Add(await HttpScenarios.MeasureQuietlyAsync(client, server, db, compare, size, options with { Requests = CompareRequests, Warmup = CompareWarmup }, ct));
            peakRss = server.PeakRssBytes();
        }
        finally
        {
            await server.DisposeAsync();
        }

        if (options.Browser)
        {
            results.Add(await ReportPageAsync(app, db, port, current, options, ct));
        }

        var quiet = results.All(r => double.IsNaN(r.OtherCores) || r.OtherCores <= options.MaxOtherCpu);
        return new RunResult(Name, provider, size, results, seed.Elapsed, seedReport, peakRss, results[0].LoadAtStart, LoadGuard.Read().One, quiet, Measures: measures);
    }

    /// <summary>Last quarter and this one, as the review API spells them (2026-Q3, 2026-Q4).</summary>
    public static (string Previous, string Current) Quarters(DateOnly today)
    {
        var q = ((today.Month - 1) / 3) + 1;
        var (py, pq) = q == 1 ? (today.Year - 1, 4) : (today.Year, q - 1);
        return (string.Create(CultureInfo.InvariantCulture, $"{py}-Q{pq}"), string.Create(CultureInfo.InvariantCulture, $"{today.Year}-Q{q}"));
    }

    private static async Task CloseAsync(
        PortalApp app, BenchDatabase db, int port, BenchOptions options, string quarter, int size, string name, string memoryName, string what, List<Measure> measures, CancellationToken ct)
    {
        await LoadGuard.WaitForQuietAsync(options.MaxLoad, options.LoadRetries, options.LoadWait, ct);
        var run = await app.RunVerbAsync(db, port, ["reviews", "close", quarter, "--title", $"Scaling readiness {quarter}"], ct);
        var line = run.Stdout.LastOrDefault(l => l.StartsWith("Closed the review", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("reviews close printed no summary:\n" + string.Join('\n', run.Stdout) + run.Stderr);
        var match = CloseSummary().Match(line);
        if (!match.Success)
        {
            throw new InvalidOperationException("unexpected summary: " + line);
        }

        var services = Number(match, "services");
        if (services != size)
        {
            throw new InvalidOperationException($"the close froze {services:N0} services, not {size:N0}: {line}");
        }

        Console.WriteLine($"    {line}");
        foreach (var phase in run.Stdout.Where(l => l.StartsWith("Phase ", StringComparison.Ordinal)))
        {
            Console.WriteLine($"    {phase}");
        }

        var phases = string.Join("; ", run.Stdout.Where(l => l.StartsWith("Phase ", StringComparison.Ordinal)).Select(l => l.Trim()));
        var observed = string.Create(CultureInfo.InvariantCulture, $"{line} Phases: {phases}. Process wall {run.Elapsed.TotalSeconds:0.0} s, process peak RSS {run.PeakRssBytes / (1024.0 * 1024):0} MiB.");
        measures.Add(new Measure(name, what, Number(match, "ms") / 1000.0, "s", observed, double.NaN, 1));
        measures.Add(new Measure(memoryName, "resident memory the close added: its peak during the close minus before it", Number(match, "extra"), "MiB", observed, double.NaN, 1));
    }

    /// <summary>An admin answers "idempotent writes" at maturity 4 for one service in <see cref="AnsweredEvery"/>.</summary>
    private static async Task<int> AnswerAsync(HttpClient client, int size, CancellationToken ct)
    {
        var answered = 0;
        for (var i = 1; i <= size; i += AnsweredEvery)
        {
            var service = string.Create(CultureInfo.InvariantCulture, $"scale-svc-{i:00000}");
            using var response = await client.PutAsJsonAsync($"/api/v1/scorecards/{service}/answers/idempotent-writes",
                new { maturity = 4, note = "Every write carries an idempotency key; replays are tested." }, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"answering for {service} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            answered++;
        }

        return answered;
    }

    private static string CheckCompare(JsonElement root, int size, int answered)
    {
        var totals = root.GetProperty("totals");
        var (before, after) = (totals.GetProperty("servicesBefore").GetInt32(), totals.GetProperty("servicesAfter").GetInt32());
        var closed = totals.GetProperty("closedGaps").GetInt32();
        if (before != size || after != size || closed < answered)
        {
            throw new InvalidOperationException($"the comparison counts {before}/{after} services and {closed} closed gaps; expected {size} on both sides and at least {answered} closed gaps");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{after:N0} services, {root.GetProperty("teams").GetArrayLength():N0} teams, {root.GetProperty("services").GetArrayLength():N0} services changed, {closed:N0} gaps closed");
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@": (?<services>[\d,]+) services frozen in (?<ms>[\d,]+) ms; .*\(\+(?<extra>[\d,]+) MiB\)")]
    private static partial Regex CloseSummary();
}
