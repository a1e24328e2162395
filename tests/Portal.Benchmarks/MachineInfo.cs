using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Benchmarks;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, long MemoryBytes, string Os, string Kernel, string Runtime, string Commit)
{
    public static MachineInfo Read(string repoRoot) => new(
        CpuModel(),
        Environment.ProcessorCount,
        MemTotalBytes(),
        OsName(),
        KernelRelease(),
        RuntimeInformation.FrameworkDescription,
        GitCommit(repoRoot));

    private static string CpuModel()
    {
        var line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static long MemTotalBytes()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string OsName()
    {
        var line = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.OSDescription : line["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string KernelRelease() =>
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;

    /// <summary>The commit measured, marked when the work tree had uncommitted changes.</summary>
    private static string GitCommit(string repoRoot)
    {
        var head = Git(repoRoot, "rev-parse", "--short=12", "HEAD");
        if (head is null)
        {
            return "unknown";
        }

        var dirty = Git(repoRoot, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrEmpty(dirty) ? head : head + " + uncommitted changes";
    }

    private static string? Git(string repoRoot, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", args)
            {
                WorkingDirectory = repoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}

/// <summary>
/// The machine is shared: measure only when it is otherwise quiet. Before a run, waits while the 1-minute load
/// average is above a limit; before a scenario, waits while other processes keep the CPU busy (the load average
/// lags by a minute and counts the benchmark's own work). Reports what the measurement started at.
/// </summary>
internal static class LoadGuard
{
    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg.</summary>
    public static (double One, double Five, double Fifteen) Read()
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return (Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));

        static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the 1-minute load to measure at, and whether it was at or under <paramref name="maxLoad"/>.</summary>
    public static async Task<(double Load, bool Quiet)> WaitForQuietAsync(double maxLoad, int retries, TimeSpan wait, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var load = Read().One;
            if (load <= maxLoad)
            {
                return (load, true);
            }

            if (attempt >= retries)
            {
                Console.WriteLine($"  load {load:0.00} is still above {maxLoad:0.0} after {retries} waits; measuring anyway (recorded as busy).");
                return (load, false);
            }

            Console.WriteLine($"  load {load:0.00} > {maxLoad:0.0}; waiting {wait.TotalSeconds:0} s ({attempt + 1}/{retries})…");
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>
    /// Samples for two seconds how many cores processes other than <paramref name="ownPids"/> keep busy, and waits
    /// while that is above <paramref name="maxOtherCores"/>. Returns the 1-minute load average and whether it became quiet.
    /// </summary>
    public static async Task<(double Load, bool Quiet)> WaitForIdleAsync(
        IReadOnlyList<int> ownPids, double maxOtherCores, int retries, TimeSpan wait, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var meter = CpuMeter.Start(ownPids);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var others = meter.OtherCores();
            if (others <= maxOtherCores)
            {
                return (Read().One, true);
            }

            if (attempt >= retries)
            {
                Console.WriteLine($"    others still use {others:0.00} cores after {retries} waits; measuring anyway (recorded as busy).");
                return (Read().One, false);
            }

            Console.WriteLine($"    others use {others:0.00} cores > {maxOtherCores:0.00}; waiting {wait.TotalSeconds:0} s ({attempt + 1}/{retries})…");
            await Task.Delay(wait, ct);
        }
    }
}
