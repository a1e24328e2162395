using Portal.Benchmarks;

BenchOptions options;
IReadOnlyList<IWorkload> workloads;
try
{
    options = BenchOptions.Parse(args);
    workloads = [.. options.Workloads.Select(Workloads.Find)];
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var repoRoot = PortalApp.FindRepoRoot(Environment.CurrentDirectory) ?? PortalApp.FindRepoRoot(AppContext.BaseDirectory);
if (repoRoot is null)
{
    Console.Error.WriteLine("Cannot find the repository (a folder with Portal.sln) above the current directory or the harness.");
    return 2;
}

if (options.Render is not null)
{
    var saved = ReportStore.Load(options.Render);
    ConsoleReport.Print(saved);
    WriteDocs(saved);
    return 0;
}

// Ctrl+C stops measuring but still stops the server and drops the database.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var app = new PortalApp(repoRoot);
var results = new List<RunResult>();
var started = DateTime.UtcNow;
string? postgresVersion = null;
try
{
    if (options.Providers.Contains(Provider.Postgres))
    {
        postgresVersion = await BenchDatabase.PostgresVersionAsync(options.PostgresAdmin!, cancel.Token);
    }

    if (options.Build)
    {
        await app.BuildAsync(cancel.Token);
    }

    if (!File.Exists(app.Dll))
    {
        Console.Error.WriteLine($"{app.Dll} does not exist; build Release first (dotnet build -c Release) or drop --no-build.");
        return 2;
    }

    foreach (var workload in workloads)
    {
        foreach (var provider in options.Providers)
        {
            foreach (var size in workload.Sizes(options))
            {
                Console.WriteLine($"[{workload.Name}] {Targets.ProviderName(provider)}, {size:N0} services");
                results.Add(await workload.RunAsync(new RunContext(app, options, provider, size), cancel.Token));
            }
        }
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; nothing written.");
    return 130;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // A run that could not be measured honestly writes no results.
    Console.Error.WriteLine($"Benchmark failed: {ex.Message}");
    return 1;
}

var report = new BenchReport(MachineInfo.Read(repoRoot), options, started, DateTime.UtcNow, results, postgresVersion);
ConsoleReport.Print(report);
Console.WriteLine($"Saved {Path.GetRelativePath(Environment.CurrentDirectory, ReportStore.Save(repoRoot, report))}");
WriteDocs(report);
return 0;

// Each workload's section comes from the newest saved run of it, this one included, so writing one workload's
// results keeps the others'.
void WriteDocs(BenchReport report)
{
    if (options.WriteDocs)
    {
        var path = Path.Combine(repoRoot, "docs", "benchmarks.md");
        var latest = BenchmarksDoc.LatestPerWorkload([.. ReportStore.LoadAll(repoRoot), report]);
        BenchmarksDoc.Write(path, latest);
        foreach (var used in latest)
        {
            Console.WriteLine($"  {used.Results[0].Workload}: the run of {used.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        }

        Console.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }
}
