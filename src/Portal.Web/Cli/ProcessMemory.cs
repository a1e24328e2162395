using System.Globalization;

namespace Portal.Web.Cli;

/// <summary>
/// This process's resident memory from <c>/proc/self/status</c> (Linux): the resident set when started, and its peak
/// since (the kernel's high-water mark, reset at the start by writing 5 to <c>/proc/self/clear_refs</c>). Elsewhere,
/// or when the reset is not allowed, the working set stands in and the peak is the process's peak working set.
/// </summary>
internal sealed class ProcessMemory
{
    private readonly long _before;

    private ProcessMemory(long before) => _before = before;

    /// <summary>Resets the peak and reads the resident set now.</summary>
    public static ProcessMemory StartPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak is then the whole process's, an upper bound.
        }

        return new ProcessMemory(Status("VmRSS:") ?? Environment.WorkingSet);
    }

    /// <summary>The resident set at the start and the peak since, in bytes.</summary>
    public (long Before, long Peak) Read()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return (_before, Status("VmHWM:") ?? self.PeakWorkingSet64);
    }

    private static long? Status(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kb = line?[field.Length..].Trim().Split(' ')[0];
            return kb is not null && long.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
