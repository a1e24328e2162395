using System.Diagnostics;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// The fault tests' children die with the test host (<see cref="OrphanGuard"/>): a guarded child whose parent is
/// killed is killed too, and a child started from a thread that then ends is not.
/// </summary>
public sealed class OrphanGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GuardedChild_ParentKilled_KilledToo()
    {
        Assert.True(OrphanGuard.Prefix.Count > 0, "setpriv (util-linux) is missing: children of a dead test host would run on");

        // A stand-in for the test host: a shell that starts a guarded sleep, says its pid, and is then killed.
        var guarded = string.Join(' ', OrphanGuard.Prefix);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{guarded} sleep 600 & echo $!; wait");
        using var host = Process.Start(start)!;
        var child = int.Parse((await host.StandardOutput.ReadLineAsync(Ct))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(IsRunning(child), "the guarded child did not start");

        // $! is known as soon as the shell forks: wait until setpriv has set the signal and become sleep.
        var waited = Stopwatch.StartNew();
        while (ReadComm(child) != "sleep" && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, Ct);
        }

        host.Kill();
        await host.WaitForExitAsync(Ct);

        var died = await ExitsWithinAsync(child, TimeSpan.FromSeconds(10));
        if (!died)
        {
            using var orphan = Process.GetProcessById(child);
            orphan.Kill();
        }

        Assert.True(died, "the guarded child outlived its parent");
    }

    [Fact]
    public async Task GuardedChild_StartedFromAThreadThatEnds_KeepsRunning()
    {
        Process? sleeper = null;
        Exception? failed = null;
        var starter = new Thread(() =>
        {
            try
            {
                var start = new ProcessStartInfo("sleep");
                start.ArgumentList.Add("600");
                sleeper = OrphanGuard.Launch(new Process { StartInfo = OrphanGuard.Guarded(start) });
            }
            catch (Exception ex)
            {
                failed = ex;
            }
        });
        starter.Start();
        starter.Join();
        Assert.Null(failed);

        using (sleeper)
        {
            try
            {
                // The parent-death signal would come at once when the starting thread ended: the child is still there.
                Assert.False(await ExitsWithinAsync(sleeper!.Id, TimeSpan.FromSeconds(1)), "the child died with the thread that started it");
            }
            finally
            {
                sleeper!.Kill();
                await sleeper.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Whether the process is gone (or a zombie: a container's first process may never reap orphans) within
    /// <paramref name="limit"/>, read from <c>/proc</c>, which works for processes that are not this one's children.
    /// </summary>
    private static async Task<bool> ExitsWithinAsync(int pid, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (!IsRunning(pid))
            {
                return true;
            }

            if (waited.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20, Ct);
        }
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (name) S ...": the state follows the closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
