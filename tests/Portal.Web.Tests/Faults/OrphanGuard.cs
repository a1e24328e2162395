using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// Starts the fault tests' child processes so that they cannot outlive the test host: each runs under
/// <c>setpriv --pdeathsig KILL --</c> (util-linux), so the kernel kills it when the test host dies however it dies
/// (the test runner's time-out, a cancelled CI job, Ctrl-C, an out-of-memory kill), where no dispose would run.
/// </summary>
/// <remarks>
/// The parent-death signal fires when the <em>thread</em> that started the child ends (prctl(2)), and a thread-pool
/// thread may retire in the middle of a test, so every child is started from one thread that lives as long as the
/// test host. Without setpriv (not Linux) children are started plainly.
/// </remarks>
public static class OrphanGuard
{
    private const string SetPriv = "/usr/bin/setpriv";

    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Pending = StartSpawner();

    /// <summary>What a guarded command is prefixed with (empty without setpriv).</summary>
    public static IReadOnlyList<string> Prefix { get; } = File.Exists(SetPriv) ? [SetPriv, "--pdeathsig", "KILL", "--"] : [];

    /// <summary><paramref name="start"/> rewritten so that setpriv runs its file and arguments (unchanged without setpriv).</summary>
    public static ProcessStartInfo Guarded(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!string.IsNullOrEmpty(start.Arguments))
        {
            throw new ArgumentException("Give the arguments as ArgumentList: they are moved behind setpriv's.", nameof(start));
        }

        if (Prefix.Count > 0)
        {
            start.ArgumentList.Insert(0, start.FileName);
            for (var i = Prefix.Count - 1; i > 0; i--)
            {
                start.ArgumentList.Insert(0, Prefix[i]);
            }

            start.FileName = Prefix[0];
        }

        return start;
    }

    /// <summary>Starts <paramref name="process"/> (set up already, <see cref="Guarded"/>, with its output handlers) from the spawner thread.</summary>
    public static Process Launch(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Pending.Add((process, started));
        started.Task.GetAwaiter().GetResult();
        return process;
    }

    private static BlockingCollection<(Process, TaskCompletionSource)> StartSpawner()
    {
        var pending = new BlockingCollection<(Process, TaskCompletionSource)>();
        new Thread(() =>
        {
            foreach (var (process, started) in pending.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    started.SetResult();
                }
                catch (Exception ex)
                {
                    started.SetException(ex);
                }
            }
        })
        {
            IsBackground = true,
            Name = "fault-test child spawner",
        }.Start();
        return pending;
    }
}
