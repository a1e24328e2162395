using System.Globalization;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>The import and graph sections of docs/benchmarks.md.</summary>
internal static class ExtraSections
{
    public static void RenderImport(StringBuilder md, BenchReport? report)
    {
        md.AppendLine("## Import");
        md.AppendLine();
        if (report is null)
        {
            md.AppendLine("Not measured yet: run with `--workloads import`.");
            md.AppendLine();
            return;
        }

        md.AppendLine("How: `seed scale --services N` into a scratch database and `export <dir>` of it (Backstage YAML, one file per kind);");
        md.AppendLine("then a fresh database, `migrate`, and `import <dir>` run as its own process (`dotnet Portal.Web.dll import …`, the");
        md.AppendLine("same executable and settings as the server), then the same `import` again. Wall time is the process's, start to exit");
        md.AppendLine("(start-up and the migration check included). Peak RSS is the process's `VmHWM` from `/proc/<pid>/status`, read every");
        md.AppendLine("10 ms while it runs. After each import the catalog is exported again; the run fails unless the first import created");
        md.AppendLine("everything, the second created and updated nothing, and the two exports are byte-for-byte identical. Before each");
        md.AppendLine("import the harness waits for the machine to be quiet; \"others\" is the machine's busy CPU minus the import process,");
        md.AppendLine("the harness and the target database's PostgreSQL backends. A disturbed attempt is repeated (at most 3, quietest kept).");
        md.AppendLine();
        md.AppendLine("| Provider | Services | Import | Peak RSS | Re-import | Peak RSS | Others' CPU (cores) | Importer's summary |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            var import = run.Find(ImportWorkload.Import);
            var reimport = run.Find(ImportWorkload.Reimport);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {Value(import)} | {Value(run.Find(ImportWorkload.Import + "-rss"))} | {Value(reimport)} | {Value(run.Find(ImportWorkload.Reimport + "-rss"))} | {import?.OtherCores:0.00} / {reimport?.OtherCores:0.00} | {import?.Observed} |");
        }

        md.AppendLine();
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {Targets.ProviderName(run.Provider)}: source catalog: {run.SeedReport} Re-import: {run.Find(ImportWorkload.Reimport)?.Observed}. Import {run.Find(ImportWorkload.Import + "-rss")?.Observed}, re-import {run.Find(ImportWorkload.Reimport + "-rss")?.Observed}; attempt {run.Find(ImportWorkload.Import)?.Attempt}.");
        }

        md.AppendLine();
    }

    public static void RenderGitHub(StringBuilder md, BenchReport? report)
    {
        md.AppendLine("## GitHub sync");
        md.AppendLine();
        if (report is null)
        {
            md.AppendLine("Not measured yet: run with `--workloads github`.");
            md.AppendLine();
            return;
        }

        md.AppendLine("How: a fake GitHub (`tests/Portal.Testing/FakeGitHub`, in the harness's process on loopback) generates an");
        md.AppendLine("organisation of 1,000 repositories (about 70% with a `catalog-info.yaml`, some with CODEOWNERS, workflows, releases,");
        md.AppendLine("deployments, archived repositories and forks) and its teams. A fresh database is migrated, then `sync github` runs as");
        md.AppendLine("its own process, twice. Requests are counted by the fake (every answer except 304, as GitHub counts them against the");
        md.AppendLine("rate limit). The second run changes nothing on GitHub; it is a new process, so its ETags come from the database.");
        md.AppendLine("The run fails unless the first sync succeeded and the second reported \"nothing changed\".");
        md.AppendLine();
        md.AppendLine("| Provider | Repositories | First sync | Counted requests per repository | Second sync | Answers that were 304 |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Targets.ProviderName(run.Provider)} | {run.Size:N0} | {Value(run.Find(GitHubSyncWorkload.FirstWall))} | {run.Find(GitHubSyncWorkload.FirstRequests)?.Value:0.00} | {Value(run.Find(GitHubSyncWorkload.SecondWall))} | {run.Find(GitHubSyncWorkload.SecondShare)?.Value:0.0}% |");
        }

        md.AppendLine();
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {Targets.ProviderName(run.Provider)}: {run.SeedReport}. First sync: {run.Find(GitHubSyncWorkload.FirstRequests)?.Observed}; {run.Find(GitHubSyncWorkload.FirstWall)?.Observed}. Second: {run.Find(GitHubSyncWorkload.SecondShare)?.Observed}; {run.Find(GitHubSyncWorkload.SecondWall)?.Observed}.");
        }

        md.AppendLine();
    }

    public static void RenderGraph(StringBuilder md, BenchReport? report)
    {
        md.AppendLine("## Dependency graph");
        md.AppendLine();
        if (report is null)
        {
            md.AppendLine("Not measured yet: run with `--workloads graph`.");
            md.AppendLine();
            return;
        }

        var size = report.Results.Max(r => r.Size);
        md.AppendLine(CultureInfo.InvariantCulture, $"On the catalog of `seed scale --services {size}` ({size:N0} services, {size * 5:N0} edges in layers with calls back up, so one knot");
        md.AppendLine("holds most services). The server runs as for the read benchmark but with `Graph__WarmUpOnStart=false`, so nothing loads the");
        md.AppendLine("graph until the first graph request:");
        md.AppendLine();
        md.AppendLine("- **Memory**: after 10 s of `GET /api/v1/services` (no graph), the server's `VmRSS` is read; then the first");
        md.AppendLine("  `GET /api/v1/graph/analysis` loads the graph and analyses it, every scenario below runs, and `VmRSS` is read again.");
        md.AppendLine("  The difference approximates what the graph costs: it also counts the code compiled for the graph endpoints and garbage");
        md.AppendLine("  the server GC has not given back, and the GC may have given back memory it held before. So the target is also checked");
        md.AppendLine("  against a pessimistic reading: the server's peak RSS over the whole run (`VmHWM`, which includes the ten reloads of");
        md.AppendLine("  the cold scenario, each with the old and the new graph alive at once) minus RSS before.");
        md.AppendLine("- **Requests**: as in the read benchmark (one keep-alive connection, viewer token, warm-up, then sequential timed");
        md.AppendLine("  requests, the first response's shape checked, every response the same length).");
        md.AppendLine("- **Cold analysis**: the first analysis request after start-up (graph load, analysis, and compiling that code), and ten");
        md.AppendLine("  times: an admin edits one dependency's timeout through `PUT /api/v1/services/{name}/dependencies/{target}`, which");
        md.AppendLine("  bumps the graph version in the database, and the next `GET /api/v1/graph/analysis` is timed: it reloads the graph");
        md.AppendLine("  from the database and analyses it again. The response's `version` must move every time.");
        md.AppendLine("- **Page**: Chromium (the system's `/usr/bin/chromium`, headless, driven by Microsoft.Playwright) signs in locally as a");
        md.AppendLine("  person and opens `/graph?focus=…&depth=2` again and again; each time is from the start of the navigation to the");
        md.AppendLine("  canvas's `data-rendered=\"true\"`, which graph.js sets once cytoscape has laid the picture out. The server for this part");
        md.AppendLine("  runs with `ASPNETCORE_ENVIRONMENT=Development`, because only then does an unpublished build serve its static files");
        md.AppendLine("  (Blazor's script, MudBlazor, cytoscape); Chromium shares the two cores with the server.");
        md.AppendLine();
        md.AppendLine("Milliseconds.");
        md.AppendLine();
        md.AppendLine("| Provider | Scenario | Request | p50 | p95 | p99 | max | body bytes | checked response |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            foreach (var s in run.Scenarios)
            {
                var t = s.Stats;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Targets.ProviderName(run.Provider)} | {s.Name}: {s.Description} | `{s.Request}` | {Targets.Num(t.P50)} | {Targets.Num(t.P95)} | {Targets.Num(t.P99)} | {Targets.Num(t.Max)} | {(s.ResponseBytes > 0 ? s.ResponseBytes.ToString("N0", CultureInfo.InvariantCulture) : "")} | {s.Observed} |");
            }
        }

        md.AppendLine();
        md.AppendLine("| Provider | First analysis after start | RSS before the graph | RSS with the graph | Extra | Server peak RSS |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Targets.ProviderName(run.Provider)} | {Value(run.Find(GraphWorkload.AnalysisFirst))} | {Value(run.Find(GraphWorkload.RssBefore))} | {Value(run.Find(GraphWorkload.RssAfter))} | {Value(run.Find(GraphWorkload.RssExtra))} | {run.PeakRssBytes / (1024.0 * 1024):0} MiB |");
        }

        md.AppendLine();
    }

    public static void RenderGraphDetails(StringBuilder md, BenchReport? report)
    {
        if (report is null)
        {
            return;
        }

        foreach (var run in report.Results.OrderBy(r => r.Provider))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### Graph, {Targets.ProviderName(run.Provider)}, {run.Size:N0} services");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Seed: {run.SeedReport} Server peak RSS {run.PeakRssBytes / (1024.0 * 1024):0} MiB.");
            md.AppendLine();
            md.AppendLine("| Scenario | samples | min | p50 | p95 | p99 | max | mean | load at start | others' CPU (cores) | attempt |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var s in run.Scenarios)
            {
                var t = s.Stats;
                var others = double.IsNaN(s.OtherCores) ? "— (Chromium counts as other)" : s.OtherCores.ToString("0.00", CultureInfo.InvariantCulture);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Name} | {t.Count} | {Targets.Num(t.Min)} | {Targets.Num(t.P50)} | {Targets.Num(t.P95)} | {Targets.Num(t.P99)} | {Targets.Num(t.Max)} | {Targets.Num(t.Mean)} | {s.LoadAtStart:0.00} | {others} | {s.Attempt} |");
            }

            md.AppendLine();
        }
    }

    private static string Value(Measure? m) => m is null
        ? "—"
        : m.Unit switch
        {
            "s" => Targets.Seconds(m.Value),
            "ms" => Targets.Ms(m.Value),
            _ => string.Create(CultureInfo.InvariantCulture, $"{m.Value:0} {m.Unit}"),
        };
}
