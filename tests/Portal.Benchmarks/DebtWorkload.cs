using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// The tech-debt register at scale (issue 10), on the catalog <c>seed scale --services N --debt 2N</c> makes (10,000
/// services carry 20,000 items). The seeding verb scores every item through the same recompute a change of the scoring
/// tables runs, and reports its own time: that is the recompute-all figure. Then, against the server: the register's
/// first page in its default order (priority, open items), a page filtered by signal and status, one service's items
/// (what the service page shows), and the suggested items drawn from the graph's findings.
/// </summary>
internal sealed partial class DebtWorkload : IWorkload
{
    public const string FirstPage = "first-page";
    public const string Filtered = "filtered";
    public const string ServiceItems = "service";
    public const string Candidates = "candidates";
    public const string RecomputeAll = "recompute-all";

    /// <summary>Debt items per service of the catalog: 20,000 on 10,000 services, as the issue's targets are set.</summary>
    public const int ItemsPerService = 2;

    public string Name => "debt";

    /// <summary>Only the largest size: the targets are about 20,000 items on 10,000 services.</summary>
    public IReadOnlyList<int> Sizes(BenchOptions options) => [options.Sizes.Max()];

    public async Task<RunResult> RunAsync(RunContext context, CancellationToken ct)
    {
        var (app, options, provider, size) = context;
        await LoadGuard.WaitForQuietAsync(options.MaxLoad, options.LoadRetries, options.LoadWait, ct);
        await using var db = await BenchDatabase.CreateAsync(provider, options.PostgresAdmin, ct);
        var port = PortalApp.FreePort();
        var items = size * ItemsPerService;

        Console.WriteLine($"  seed scale --services {size} --debt {items}…");
        var seed = await app.RunVerbAsync(db, port, ["seed", "scale", "--services", Invariant(size), "--debt", Invariant(items)], ct);
        var seedReport = string.Join(" ", seed.Stdout.Where(l => l.StartsWith("Generated", StringComparison.Ordinal)));
        Console.WriteLine($"    {seedReport}");
        var debtLine = seed.Stdout.LastOrDefault(l => l.Contains("debt items", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("seed scale printed no debt summary:\n" + string.Join('\n', seed.Stdout));
        var match = DebtSummary().Match(debtLine);
        if (!match.Success || Number(match, "items") != items || Number(match, "scored") != items)
        {
            throw new InvalidOperationException($"seed scale did not add and score {items:N0} debt items: {debtLine}");
        }

        var open = Number(match, "open");
        var measures = new List<Measure>
        {
            new(RecomputeAll, $"every item's cost of delay and priority recomputed and written ({items:N0} items), as after a change of the scoring tables",
                Number(match, "ms") / 1000.0, "s", debtLine, double.NaN, 1),
        };
        var viewer = (await app.RunVerbAsync(db, port, ["token", "create", "--name", "bench", "--role", "viewer"], ct)).Stdout[^1];
        if (options.Analyze)
        {
            await db.AnalyzeAsync(ct);
        }

        var results = new List<ScenarioResult>();
        long peakRss;
        var server = await app.StartServerAsync(db, port, ct);
        try
        {
            using var client = HttpScenarios.Client(server.BaseAddress, viewer);
            var service = await ServiceWithDebtAsync(client, ct);
            IReadOnlyList<ReadScenario> scenarios =
            [
                new(FirstPage, "the register's first page: open items by priority, highest first (the default view)", "/api/v1/debt?pageSize=25",
                    (root, _) => CheckFirstPage(root, open)),
                new(Filtered, "a filtered page: one signal and one status, by priority", "/api/v1/debt?signal=cascading-failures&status=accepted&pageSize=25",
                    (root, _) => CheckFiltered(root)),
                new(ServiceItems, $"one service's open items (`{service}`), as its page shows them", $"/api/v1/debt?service={service}&pageSize=25",
                    (root, _) => CheckService(root, service)),
                new(Candidates, "suggested items from the graph's and ownership's findings, first page", "/api/v1/debt/candidates?pageSize=25",
                    (root, _) => CheckCandidates(root)),
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

    /// <summary>
    /// A service that has open debt (the first affected service of the highest-priority item): a service picked by
    /// name can have none, and an empty page measures nothing.
    /// </summary>
    private static async Task<string> ServiceWithDebtAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync("/api/v1/debt?pageSize=1", ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("items")[0].GetProperty("services")[0].GetProperty("ref").GetString()
            ?? throw new InvalidOperationException("the first debt item names no service");
    }

    private static string CheckFirstPage(JsonElement root, int open)
    {
        var total = root.GetProperty("total").GetInt32();
        var items = root.GetProperty("items");
        if (total != open || items.GetArrayLength() != Math.Min(25, open))
        {
            throw new InvalidOperationException($"the first page counts {total} open items with {items.GetArrayLength()} on the page; the seed made {open} open");
        }

        var priorities = items.EnumerateArray().Select(i => i.GetProperty("priority").GetDouble()).ToList();
        if (priorities.Zip(priorities.Skip(1)).Any(p => p.First < p.Second))
        {
            throw new InvalidOperationException("the first page is not sorted by priority, highest first");
        }

        return string.Create(CultureInfo.InvariantCulture, $"total {total:N0} open, {items.GetArrayLength()} items, priority {priorities[0]:0.#} down to {priorities[^1]:0.#}");
    }

    private static string CheckFiltered(JsonElement root)
    {
        var total = root.GetProperty("total").GetInt32();
        var items = root.GetProperty("items").EnumerateArray().ToList();
        if (total == 0 || items.Any(i => i.GetProperty("signal").GetString() != "cascading-failures" || i.GetProperty("status").GetString() != "accepted"))
        {
            throw new InvalidOperationException($"the filtered page has {total} items, or one that is not an accepted cascading-failures item");
        }

        return string.Create(CultureInfo.InvariantCulture, $"total {total:N0}, {items.Count} items, all accepted cascading-failures");
    }

    private static string CheckService(JsonElement root, string service)
    {
        var items = root.GetProperty("items").EnumerateArray().ToList();
        if (items.Count == 0 || items.Any(i => !i.GetProperty("services").EnumerateArray().Any(s => s.GetProperty("ref").GetString() == service)))
        {
            throw new InvalidOperationException($"an item of the page does not affect {service}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"total {root.GetProperty("total").GetInt32():N0}, every item affects {service}");
    }

    private static string CheckCandidates(JsonElement root)
    {
        var total = root.GetProperty("total").GetInt32();
        var items = root.GetProperty("items");
        if (total == 0 || items.GetArrayLength() == 0 || items.EnumerateArray().Any(i => string.IsNullOrEmpty(i.GetProperty("key").GetString())))
        {
            throw new InvalidOperationException($"the candidates list has {total} suggestions, or one without a key");
        }

        return string.Create(CultureInfo.InvariantCulture, $"total {total:N0} suggestions, {items.GetArrayLength()} on the page");
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Generated (?<items>[\d,]+) debt items \((?<open>[\d,]+) open\) in [\d.]+ s; scored every item: (?<scored>[\d,]+) written in (?<ms>\d+) ms\.")]
    private static partial Regex DebtSummary();
}
