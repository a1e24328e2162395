namespace Portal.Benchmarks;

/// <summary>The summary printed at the end of a run.</summary>
internal static class ConsoleReport
{
    public static void Print(BenchReport report)
    {
        var m = report.Machine;
        Console.WriteLine();
        Console.WriteLine($"{report.StartedUtc:yyyy-MM-dd HH:mm} UTC  {m.Cpu}, {m.Cores} cores, {m.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, {m.Os}, {m.Runtime}, commit {m.Commit}");
        foreach (var run in report.Results)
        {
            Console.WriteLine();
            Console.WriteLine($"[{run.Workload}] {Targets.ProviderName(run.Provider)}, {run.Size:N0} services  (seed {run.SeedWall?.TotalSeconds:0.0} s, peak RSS {run.PeakRssBytes / (1024.0 * 1024):0} MiB{(run.Quiet ? "" : " BUSY")})");
            foreach (var measure in run.Measures ?? [])
            {
                Console.WriteLine($"  {measure.Name,-16} {measure.Value,10:0.0} {measure.Unit,-4} {measure.Observed}");
            }

            Console.WriteLine($"  {"scenario",-10} {"min",8} {"p50",8} {"p95",8} {"p99",8} {"max",8}  ms");
            foreach (var s in run.Scenarios)
            {
                var t = s.Stats;
                Console.WriteLine($"  {s.Name,-13} {t.Min,8:0.00} {t.P50,8:0.00} {t.P95,8:0.00} {t.P99,8:0.00} {t.Max,8:0.00}  {s.Observed}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("Targets");
        foreach (var c in report.Checks)
        {
            Console.WriteLine($"  {c.Verdict,-12} {Targets.ProviderName(c.Provider),-10} {c.What.Replace("`", ""),-50} {c.Target,-10} measured {c.Measured}");
        }
    }
}
