namespace Portal.Benchmarks;

/// <summary>
/// One kind of measurement (the catalog read API today; the Backstage import next). A workload owns its whole
/// run: it gets a provider and a size, sets up a fresh database and the app, measures, and cleans up.
/// To add one, implement this, register it in <see cref="Workloads.All"/> and render it in <see cref="BenchmarksDoc"/>.
/// </summary>
internal interface IWorkload
{
    /// <summary>The name used with <c>--workloads</c>.</summary>
    string Name { get; }

    /// <summary>The catalog sizes this workload runs at, out of <c>--sizes</c>.</summary>
    IReadOnlyList<int> Sizes(BenchOptions options);

    Task<RunResult> RunAsync(RunContext context, CancellationToken ct);
}

/// <summary>What a workload run is given.</summary>
internal sealed record RunContext(PortalApp App, BenchOptions Options, Provider Provider, int Size);

/// <summary>One measured operation (e.g. the first page of services) and its latency distribution.</summary>
/// <param name="Name">Short id, e.g. <c>first-page</c>.</param>
/// <param name="Description">What it is, for the doc.</param>
/// <param name="Request">What was sent, e.g. <c>GET /api/v1/services?q=payment</c>.</param>
/// <param name="Stats">Latencies in milliseconds.</param>
/// <param name="ResponseBytes">Size of one response body.</param>
/// <param name="Observed">What the validated response contained, e.g. <c>total 10000, 25 items</c>.</param>
/// <param name="LoadAtStart">1-minute load average when this scenario began.</param>
/// <param name="OtherCores">Average cores other processes on the machine kept busy during the timed requests.</param>
/// <param name="Attempt">Which attempt was kept (a scenario is repeated when others disturbed it).</param>
internal sealed record ScenarioResult(
    string Name, string Description, string Request, LatencyStats Stats, long ResponseBytes, string Observed, double LoadAtStart, double OtherCores, int Attempt);

/// <summary>The outcome of one workload on one provider at one size.</summary>
/// <param name="Workload">The workload's name, e.g. <c>read</c>.</param>
/// <param name="Provider">The database.</param>
/// <param name="Size">Number of services in the catalog.</param>
/// <param name="Scenarios">What was timed, in run order.</param>
/// <param name="SeedWall">Wall time of the process that generated the data, start to exit, when there was one.</param>
/// <param name="SeedReport">What the seeding verb said about itself.</param>
/// <param name="PeakRssBytes">Peak resident set size (VmHWM) of the measured Portal process (the highest, if it was restarted).</param>
/// <param name="LoadAtStart">1-minute load average when measuring began (the first scenario's).</param>
/// <param name="LoadAtEnd">1-minute load average when measuring ended.</param>
/// <param name="Quiet">False when some scenario was measured above <c>--max-other-cpu</c> after all attempts.</param>
/// <param name="ServerRestarts">How often the server was stopped from outside and started again on the same database.</param>
/// <param name="Measures">Single figures that are not latency distributions (import time and memory, graph memory).</param>
internal sealed record RunResult(
    string Workload,
    Provider Provider,
    int Size,
    IReadOnlyList<ScenarioResult> Scenarios,
    TimeSpan? SeedWall,
    string? SeedReport,
    long PeakRssBytes,
    double LoadAtStart,
    double LoadAtEnd,
    bool Quiet,
    int ServerRestarts = 0,
    IReadOnlyList<Measure>? Measures = null)
{
    public Measure? Find(string name) => Measures?.FirstOrDefault(m => m.Name == name);
}

/// <summary>One measured figure, e.g. the import's wall time in seconds.</summary>
/// <param name="Name">Short id, e.g. <c>import-wall</c>.</param>
/// <param name="Description">What it is, for the doc.</param>
/// <param name="Value">The figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">s, ms or MiB.</param>
/// <param name="Observed">What was checked or reported alongside, e.g. the importer's summary.</param>
/// <param name="OtherCores">Average cores other processes kept busy while it was measured (NaN when not known).</param>
/// <param name="Attempt">Which attempt was kept.</param>
internal sealed record Measure(string Name, string Description, double Value, string Unit, string Observed, double OtherCores, int Attempt);

/// <summary>The workloads the harness knows.</summary>
internal static class Workloads
{
    public static IReadOnlyList<IWorkload> All { get; } = [new CatalogReadWorkload(), new ImportWorkload(), new GraphWorkload(), new GitHubSyncWorkload(), new ScorecardsWorkload(), new DebtWorkload(), new ReviewsWorkload()];

    public static IWorkload Find(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"--workloads: unknown workload '{name}'; known: {string.Join(", ", All.Select(w => w.Name))}.");
}
