using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Benchmarks;

/// <summary>
/// The dependency graph at scale (issue 4), on the catalog <c>seed scale --services N</c> makes (N services,
/// 5N edges). The server starts with <c>Graph__WarmUpOnStart=false</c>, so the graph is loaded by the first graph
/// request: RSS is read before it (after non-graph requests have warmed the server up) and again once the graph,
/// its analysis and every graph scenario have run. Then the timed scenarios as in the read workload; the analysis
/// cold after a change of the graph (a dependency's timeout edited through the API, which bumps the graph version,
/// so the next request reloads the graph from the database and analyses it again); and in Chromium, the graph page
/// focused on a service at depth 2, from navigation to the picture drawn.
/// </summary>
internal sealed class GraphWorkload : IWorkload
{
    public const string BlastDeep = "blast-deep";
    public const string BlastShallow = "blast-shallow";
    public const string AnalysisCached = "analysis";
    public const string Focus = "focus-depth2";
    public const string AnalysisCold = "analysis-cold";
    public const string AnalysisFirst = "analysis-first";
    public const string BrowserFocus = "page-depth2";
    public const string RssBefore = "rss-before";
    public const string RssAfter = "rss-after";
    public const string RssExtra = "rss-extra";

    private const int ColdSamples = 10;
    private const int BrowserWarmup = 3;
    private const int BrowserSamples = 20;

    public string Name => "graph";

    /// <summary>Only the largest size: the targets are about 10,000 services and 50,000 edges.</summary>
    public IReadOnlyList<int> Sizes(BenchOptions options) => [options.Sizes.Max()];

    /// <summary>A service deep in the layered graph (thousands fail with it) and one in the middle (the focus).</summary>
    public static (string Deep, string Middle) Services(int size) => (ServiceName(size * 9 / 10), ServiceName(size / 2));

    /// <param name="size">Services in the catalog.</param>
    /// <param name="shallow">A service whose blast radius is small but not empty (see <see cref="FindShallowAsync"/>).</param>
    public static IReadOnlyList<ReadScenario> Scenarios(int size, string shallow)
    {
        var (deep, middle) = Services(size);
        return
        [
            new(BlastDeep, $"blast radius of `{deep}`, deep in the graph", $"/api/v1/services/{deep}/blast-radius", (root, _) => CheckBlast(root, deep, size / 10)),
            new(BlastShallow, $"blast radius of `{shallow}`, a small one", $"/api/v1/services/{shallow}/blast-radius", (root, _) => CheckBlast(root, shallow, 1)),
            new(Focus, $"nodes and edges within 2 hops of `{middle}`", $"/api/v1/graph?focus={middle}&depth=2", CheckView),
            new(AnalysisCached, "whole-graph analysis, cached", "/api/v1/graph/analysis", CheckAnalysis),
        ];
    }

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
        var admin = (await app.RunVerbAsync(db, port, ["token", "create", "--name", "bench-admin", "--role", "admin"], ct)).Stdout[^1];
        if (options.Analyze)
        {
            await db.AnalyzeAsync(ct);
        }

        IReadOnlyList<ReadScenario> scenarios = [];
        var results = new List<ScenarioResult>();
        var measures = new List<Measure>();
        long peakRss;
        var server = await app.StartServerAsync(db, port, ct, new Dictionary<string, string> { ["Graph__WarmUpOnStart"] = "false" });
        try
        {
            Console.WriteLine($"  Portal is healthy at {server.BaseAddress} (pid {server.ProcessId}); the graph is not loaded yet");
            using var client = HttpScenarios.Client(server.BaseAddress, viewer);

            // Warm the request pipeline up without touching the graph, then read the memory the graph will add to.
            IReadOnlyList<ReadScenario> plain = [new("services", "first page of services", "/api/v1/services", (_, _) => "")];
            await HttpScenarios.WarmUpServerAsync(client, options.ServerWarmup, plain, ct);
            var before = server.RssBytes();

            var first = Stopwatch.GetTimestamp();
            using (var response = await client.GetAsync("/api/v1/graph/analysis", ct))
            {
                await response.Content.ReadAsByteArrayAsync(ct);
                Expect(response.StatusCode == HttpStatusCode.OK, $"first analysis answered {(int)response.StatusCode}");
            }

            var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
            scenarios = Scenarios(size, await FindShallowAsync(client, size, ct));
            Console.WriteLine($"    first /graph/analysis after start: {firstMs:0} ms (loads the graph, analyses it, compiles the code on the way)");
            measures.Add(new Measure(AnalysisFirst, "first `GET /api/v1/graph/analysis` after start-up: loads the graph from the database and analyses it", firstMs, "ms", "graph not loaded before; includes compiling that code", double.NaN, 1));

            await HttpScenarios.WarmUpServerAsync(client, options.ServerWarmup, scenarios, ct);
            Console.WriteLine($"  {options.Warmup} warm-up + {options.Requests} timed requests per scenario");
            foreach (var scenario in scenarios)
            {
                results.Add(await HttpScenarios.MeasureQuietlyAsync(client, server, db, scenario, size, options, ct));
            }

            var after = server.RssBytes();
            measures.Add(new Measure(RssBefore, "server RSS before the graph was loaded (after 10 s of `GET /api/v1/services`)", Mib(before), "MiB", "", double.NaN, 1));
            measures.Add(new Measure(RssAfter, "server RSS with the graph and its analysis loaded, after every graph scenario", Mib(after), "MiB", "", double.NaN, 1));
            measures.Add(new Measure(RssExtra, "extra RSS: after minus before", Mib(after - before), "MiB", "approximate: also counts code compiled for the graph endpoints and garbage the GC has not returned", double.NaN, 1));
            Console.WriteLine($"    RSS {Mib(before):0} MiB before the graph, {Mib(after):0} MiB after: {Mib(after - before):0} MiB more");

            results.Add(await ColdAnalysisAsync(server, db, admin, client, size, options, ct));
            peakRss = server.PeakRssBytes();
        }
        finally
        {
            await server.DisposeAsync();
        }

        if (options.Browser)
        {
            results.Add(await BrowserAsync(app, db, port, size, options, ct));
        }

        // The browser scenario's "others" include Chromium itself, so it is not counted here.
        var quiet = results.All(r => !(r.OtherCores > options.MaxOtherCpu));
        return new RunResult(Name, provider, size, results, seed.Elapsed, seedReport, peakRss, results[0].LoadAtStart, LoadGuard.Read().One, quiet, Measures: measures);
    }

    /// <summary>
    /// Changes one dependency's timeout through the API (the version bump every catalog change makes), then times
    /// the next analysis request: it reloads the graph from the database and analyses it again.
    /// </summary>
    private static async Task<ScenarioResult> ColdAnalysisAsync(
        PortalServer server, BenchDatabase db, string adminToken, HttpClient client, int size, BenchOptions options, CancellationToken ct)
    {
        using var admin = HttpScenarios.Client(server.BaseAddress, adminToken);
        var (_, middle) = Services(size);
        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/services/{middle}", ct);
        var target = details.GetProperty("dependencies").EnumerateArray().First(d => d.GetProperty("targetKind").GetString() == "service").GetProperty("target").GetString()
            ?? throw new InvalidOperationException($"{middle} has no dependency to edit");
        var (load, _) = await LoadGuard.WaitForIdleAsync([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)], options.MaxOtherCpu, options.LoadRetries, options.LoadWait, ct);
        var meter = CpuMeter.Start([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)]);
        var samples = new List<double>();
        long version = -1;
        for (var i = 0; i < ColdSamples; i++)
        {
            var body = new { kind = "sync-http", timeoutMs = 1000 + i, retries = 1, backoff = true, circuitBreaker = false, fallback = false };
            using (var put = await admin.PutAsJsonAsync($"/api/v1/services/{middle}/dependencies/{target}", body, ct))
            {
                Expect(put.IsSuccessStatusCode, $"PUT dependency answered {(int)put.StatusCode}");
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/api/v1/graph/analysis", ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Expect(response.StatusCode == HttpStatusCode.OK, $"analysis answered {(int)response.StatusCode}");
            using var json = JsonDocument.Parse(bytes);
            var v = json.RootElement.GetProperty("version").GetInt64();
            Expect(v > version, $"the graph version did not move after the edit ({v})");
            version = v;
        }

        var stats = LatencyStats.From(samples);
        Console.WriteLine($"    {AnalysisCold,-13} p50 {stats.P50,7:0.0} ms  max {stats.Max,7:0.0} ms  ({ColdSamples} edits, each followed by one analysis)");
        return new ScenarioResult(
            AnalysisCold,
            $"analysis right after a dependency of `{middle}` was edited (graph reloaded and analysed again); {ColdSamples} edits",
            "PUT …/dependencies/…, then GET /api/v1/graph/analysis",
            stats,
            0,
            $"graph version moved every time (last {version})",
            load,
            meter.OtherCores(),
            1);
    }

    /// <summary>
    /// Chromium (headless, the system's <c>/usr/bin/chromium</c>) signs in as a person and opens the graph page
    /// focused at depth 2, again and again; each time is from the start of the navigation to the picture drawn
    /// (<c>data-rendered="true"</c> on the canvas, set by graph.js once the layout is done).
    /// </summary>
    private static async Task<ScenarioResult> BrowserAsync(PortalApp app, BenchDatabase db, int port, int size, BenchOptions options, CancellationToken ct)
    {
        // Static files (Blazor's script, MudBlazor, cytoscape) are served from the build output only in Development;
        // a published app serves them in Production. The API numbers above come from a Production server.
        var server = await app.StartServerAsync(db, port, ct, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Graph__WarmUpOnStart"] = "true",
        });
        try
        {
            var (_, middle) = Services(size);
            var url = new Uri(server.BaseAddress, $"/graph?focus={middle}&depth=2").ToString();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
            page.SetDefaultTimeout(30_000);
            // Local sign-in, as a person of the scale catalog (the built-in admin exists only while there are no people),
            // straight back to the graph: this workload measures the graph page, not the dashboard's first evaluation
            // of every scorecard (the scorecards workload measures that).
            const string person = "scale-person-000001";
            await page.GotoAsync(new Uri(server.BaseAddress, "/signin?returnUrl=%2Fgraph").ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.GetByLabel("Find yourself").FillAsync(person);
            await page.GetByTestId("signin-" + person).ClickAsync();
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/graph");

            var drawn = "[data-testid=graph-canvas][data-rendered=true]";
            var samples = new List<double>();
            var html = new List<double>();
            var loaded = new List<double>();
            string observed = "";
            var (load, _) = await LoadGuard.WaitForIdleAsync([Environment.ProcessId, server.ProcessId], options.MaxOtherCpu, options.LoadRetries, options.LoadWait, ct);
            var meter = CpuMeter.Start([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)]);
            for (var i = 0; i < BrowserWarmup + BrowserSamples; i++)
            {
                if (i == BrowserWarmup)
                {
                    meter = CpuMeter.Start([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)]);
                }

                var started = Stopwatch.GetTimestamp();
                await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
                var canvas = await page.WaitForSelectorAsync(drawn);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var nodes = await canvas!.GetAttributeAsync("data-node-count");
                var edges = await canvas.GetAttributeAsync("data-edge-count");
                Expect(int.TryParse(nodes, out var n) && n > 1, $"the picture has {nodes} nodes");
                observed = $"{nodes} nodes, {edges} edges drawn";
                if (i >= BrowserWarmup)
                {
                    samples.Add(ms);

                    // Where the time goes, by the browser's clock: the prerendered HTML, the document's scripts, the picture.
                    var marks = await page.EvaluateAsync<double[]>("() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd, n.domContentLoadedEventEnd, performance.now()]; }");
                    html.Add(marks[0]);
                    loaded.Add(marks[1]);
                }
            }

            observed += string.Create(CultureInfo.InvariantCulture, $"; medians by the browser's clock: HTML received {Median(html):0} ms, DOMContentLoaded {Median(loaded):0} ms, then the circuit, the view and the layout");

            await page.ScreenshotAsync(new() { Path = Path.Combine(app.RepoRoot, "artifacts", "benchmarks", $"graph-page-{size}.png") });
            var stats = LatencyStats.From(samples);
            // Chromium runs beside the server, so its CPU counts as "others" here; reported, not used to repeat.
            var others = meter.OtherCores();
            Console.WriteLine($"    {BrowserFocus,-13} p50 {stats.P50,7:0} ms  p95 {stats.P95,7:0} ms  max {stats.Max,7:0} ms  ({observed}; Chromium and others {others:0.00} cores)");
            return new ScenarioResult(
                BrowserFocus,
                $"graph page focused on `{middle}` at depth 2 in Chromium, navigation to picture drawn; {BrowserWarmup} warm-up + {BrowserSamples} timed",
                $"/graph?focus={middle}&depth=2",
                stats,
                0,
                observed,
                load,
                double.NaN,
                1);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static string ServiceName(int i) => $"scale-svc-{i:00000}";

    /// <summary>
    /// The first service from number N/100 on whose failure takes down between 1 and 100 others: most of the scale
    /// catalog is one knot where a failure reaches thousands, and services near the top have no callers at all.
    /// </summary>
    private static async Task<string> FindShallowAsync(HttpClient client, int size, CancellationToken ct)
    {
        for (var i = Math.Max(1, size / 100); i <= size; i++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{ServiceName(i)}/blast-radius?limit=1", ct);
            if (body.GetProperty("count").GetInt32() is >= 1 and <= 100)
            {
                return ServiceName(i);
            }
        }

        throw new InvalidOperationException("no service has a blast radius between 1 and 100");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string CheckBlast(JsonElement root, string service, int atLeast)
    {
        var count = root.GetProperty("count").GetInt32();
        var direct = root.GetProperty("direct").GetArrayLength();
        var transitiveCount = root.GetProperty("transitiveCount").GetInt32();
        var transitive = root.GetProperty("transitive").EnumerateArray().ToList();
        Expect(root.GetProperty("service").GetString() == service, "wrong service");
        Expect(count >= atLeast && count == direct + transitiveCount, $"count {count}, {direct} direct, {transitiveCount} transitive");
        Expect(transitive.Count == Math.Min(transitiveCount, root.GetProperty("limit").GetInt32()), $"{transitive.Count} transitive listed");
        Expect(transitive.All(t => t.GetProperty("path").EnumerateArray().Last().GetString() == service), "a path does not end at the service");
        return $"count {count:N0} ({direct} direct, {transitiveCount:N0} transitive, {transitive.Count} listed with paths)";
    }

    private static string CheckView(JsonElement root, int size)
    {
        var nodes = root.GetProperty("nodes").GetArrayLength();
        var edges = root.GetProperty("edges").GetArrayLength();
        Expect(nodes > 1 && edges > 0, $"{nodes} nodes, {edges} edges");
        return $"{nodes} nodes, {edges} edges ({root.GetProperty("mode").GetString()})";
    }

    private static string CheckAnalysis(JsonElement root, int size)
    {
        var cycles = root.GetProperty("cycles");
        Expect(cycles.GetArrayLength() > 0 && root.GetProperty("singlePointsOfFailure").GetArrayLength() > 0, "no cycles or no single points of failure");
        var knot = cycles[0];
        return $"{cycles.GetArrayLength()} cycles (largest {knot.GetProperty("serviceCount").GetInt32():N0} services, {knot.GetProperty("services").GetArrayLength()} listed), "
            + $"{root.GetProperty("syncChains").GetArrayLength()} chains, {root.GetProperty("singlePointsOfFailure").GetArrayLength()} SPOFs, "
            + $"{root.GetProperty("timeoutInversions").GetArrayLength()} timeout inversions";
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024);

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
