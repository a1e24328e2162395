using System.Globalization;
using System.Text.Json.Serialization;

namespace Portal.Benchmarks;

/// <summary>Which database a run uses. SQLite always works; PostgreSQL needs an admin connection string.</summary>
internal enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>Command-line options of the harness.</summary>
internal sealed record BenchOptions
{
    public const string PostgresVariable = "PORTAL_BENCH_POSTGRES";
    public const string TestPostgresVariable = "PORTAL_TEST_POSTGRES";

    public const string Usage = """
        Portal benchmarks: runs the Release-built Portal.Web as a separate process and measures its REST API
        from a loopback client.

        Usage: dotnet run -c Release --project tests/Portal.Benchmarks -- [options]

          --sizes 1000,10000          catalog sizes (services) to seed with `seed scale --services N`
          --providers sqlite,postgres databases to run on (default: sqlite, plus postgres when
                                      PORTAL_BENCH_POSTGRES or PORTAL_TEST_POSTGRES names an admin connection)
          --workloads read,import,graph,github  what to measure: read (the catalog API, every size), import (Backstage
                                      import of an export, largest size only), graph (blast radius, analysis, views, memory, the graph
                                      page in Chromium; largest size only), github (`sync github` twice against a fake GitHub of
                                      1,000 repositories: counted requests per repository, share of 304s). Default: all four.
                                      Also: scorecards, and debt (the tech-debt register: 2 items per service, recompute-all,
                                      first page, a filtered page, one service's items, the suggested items; largest size only),
                                      and reviews (close a review twice with `reviews close`, time and memory; compare the two
                                      closed reviews; the report page in Chromium; largest size only)
          --no-browser                graph, reviews: skip the page measured in Chromium
          --chromium PATH             graph: the Chromium to drive (default PLAYWRIGHT_CHROMIUM_EXECUTABLE or /usr/bin/chromium;
                                      never downloaded)
          --requests 500              timed requests per scenario
          --warmup 50                 untimed requests per scenario before timing
          --server-warmup 10          seconds of round-robin requests over all scenarios after the server starts
          --max-load 2.5              before each provider and size: wait while the 1-minute load average is above this
          --max-other-cpu 0.3         before each scenario: wait while other processes keep more cores than this busy;
                                      after it: repeat it if they did while it was timed
          --load-retries 10           how many times to wait (--load-wait seconds each) before measuring anyway
          --load-wait 30
          --attempts 5                at most this many tries per scenario; the quietest is kept
          --no-analyze                PostgreSQL: measure right after seeding, before planner statistics exist
                                      (by default the harness runs ANALYZE, as autovacuum would shortly after a bulk load)
          --no-build                  do not run `dotnet build -c Release` on src/Portal.Web first
          --write-docs                rewrite docs/benchmarks.md with the results (they are always saved as JSON
                                      under artifacts/benchmarks/)
          --render FILE.json          measure nothing: print and (with --write-docs) rewrite the doc from saved results
          --help
        """;

    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000];

    public IReadOnlyList<Provider> Providers { get; init; } = [];

    public IReadOnlyList<string> Workloads { get; init; } = ["read", "import", "graph", "github"];

    /// <summary>graph: time the graph page in Chromium as well.</summary>
    public bool Browser { get; init; } = true;

    public string ChromiumPath { get; init; } =
        Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public int Requests { get; init; } = 500;

    public TimeSpan ServerWarmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Warmup { get; init; } = 50;

    public double MaxLoad { get; init; } = 2.5;

    public int LoadRetries { get; init; } = 10;

    public TimeSpan LoadWait { get; init; } = TimeSpan.FromSeconds(30);

    public double MaxOtherCpu { get; init; } = 0.3;

    public int Attempts { get; init; } = 5;

    public bool Build { get; init; } = true;

    /// <summary>Run ANALYZE on PostgreSQL after seeding; see <see cref="BenchDatabase.AnalyzeAsync"/>.</summary>
    public bool Analyze { get; init; } = true;

    public bool WriteDocs { get; init; }

    public bool Help { get; init; }

    /// <summary>Admin connection string for PostgreSQL (may create and drop databases), or null. Never saved: it holds a password.</summary>
    [JsonIgnore]
    public string? PostgresAdmin { get; init; }

    /// <summary>Rewrite docs/benchmarks.md from a saved results file instead of measuring.</summary>
    [JsonIgnore]
    public string? Render { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var postgresAdmin = FirstNonEmpty(Environment.GetEnvironmentVariable(PostgresVariable), Environment.GetEnvironmentVariable(TestPostgresVariable));
        var options = new BenchOptions
        {
            PostgresAdmin = postgresAdmin,
            Providers = postgresAdmin is null ? [Provider.Sqlite] : [Provider.Sqlite, Provider.Postgres],
        };

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");

            options = args[i] switch
            {
                "--sizes" => options with { Sizes = [.. Value().Split(',').Select(s => PositiveInt("--sizes", s))] },
                "--providers" => options with { Providers = [.. Value().Split(',').Select(ParseProvider)] },
                "--workloads" => options with { Workloads = [.. Value().Split(',').Select(w => w.Trim().ToLowerInvariant())] },
                "--requests" => options with { Requests = PositiveInt("--requests", Value()) },
                "--warmup" => options with { Warmup = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--server-warmup" => options with { ServerWarmup = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--max-load" => options with { MaxLoad = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--load-retries" => options with { LoadRetries = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--load-wait" => options with { LoadWait = TimeSpan.FromSeconds(PositiveInt("--load-wait", Value())) },
                "--max-other-cpu" => options with { MaxOtherCpu = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--attempts" => options with { Attempts = PositiveInt("--attempts", Value()) },
                "--no-build" => options with { Build = false },
                "--no-analyze" => options with { Analyze = false },
                "--no-browser" => options with { Browser = false },
                "--chromium" => options with { ChromiumPath = Value() },
                "--write-docs" => options with { WriteDocs = true },
                "--render" => options with { Render = Value() },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Run with --help."),
            };
        }

        if (options.Browser && (options.Workloads.Contains("graph") || options.Workloads.Contains("reviews")) && !File.Exists(options.ChromiumPath))
        {
            throw new ArgumentException($"Chromium not found at {options.ChromiumPath}: install it, pass --chromium PATH, or --no-browser.");
        }

        if (options.Providers.Contains(Provider.Postgres) && options.PostgresAdmin is null)
        {
            throw new ArgumentException($"--providers includes postgres but neither {PostgresVariable} nor {TestPostgresVariable} is set.");
        }

        return options;
    }

    private static Provider ParseProvider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => Provider.Sqlite,
        "postgres" or "postgresql" => Provider.Postgres,
        _ => throw new ArgumentException($"--providers: '{value}' is not sqlite or postgres."),
    };

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: '{value}' is not a positive whole number.");

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
