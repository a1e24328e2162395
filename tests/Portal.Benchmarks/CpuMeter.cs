using System.Diagnostics;
using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// How much CPU the rest of the machine used while a scenario ran: busy time from /proc/stat minus the time of
/// the processes doing the benchmark's own work (the harness, the Portal server, its PostgreSQL backends).
/// The load average lags by a minute; this says exactly whether someone else's build ran during the timed requests.
/// </summary>
internal sealed class CpuMeter
{
    // /proc/stat and /proc/<pid>/stat count in USER_HZ ticks, which are 1/100 s on Linux.
    public const double TicksPerSecond = 100;

    private readonly Dictionary<int, long> _ownAtStart;
    private readonly long _startTimestamp;
    private readonly long _machineBusyAtStart;

    private CpuMeter(IEnumerable<int> ownPids)
    {
        _ownAtStart = ownPids.Distinct().ToDictionary(pid => pid, pid => ProcessTicks(pid) ?? 0);
        _machineBusyAtStart = MachineBusyTicks();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts measuring; <paramref name="ownPids"/> are the processes whose CPU time is the benchmark's own.</summary>
    public static CpuMeter Start(IEnumerable<int> ownPids) => new(ownPids);

    /// <summary>Average number of cores other processes kept busy since <see cref="Start"/>.</summary>
    public double OtherCores()
    {
        var seconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var machine = MachineBusyTicks() - _machineBusyAtStart;
        // A process that has exited since the start counts as idle: it can only make the others look busier.
        var own = _ownAtStart.Sum(p => ProcessTicks(p.Key) is { } now ? Math.Max(0, now - p.Value) : 0);
        return seconds <= 0 ? 0 : Math.Max(0, (machine - own) / TicksPerSecond / seconds);
    }

    /// <summary>user + nice + system + irq + softirq + steal of all CPUs.</summary>
    public static long MachineBusyTicks()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => fields.Length > i ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
    }

    /// <summary>utime + stime of a process (all its threads); null once it is gone.</summary>
    public static long? ProcessTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name may contain spaces; fields after ") " start at field 3 (state), so utime (14) is index 11.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
    }
}
