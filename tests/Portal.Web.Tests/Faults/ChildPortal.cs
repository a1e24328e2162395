using System.Diagnostics;
using System.Text;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// Portal.Web.dll from this test's output folder running as a child process (serving, or a CLI verb), its output kept
/// line by line so a test can wait for what it says, and killed with SIGKILL when the test asks or ends, or when the
/// test host dies (<see cref="OrphanGuard"/>).
/// </summary>
public sealed class ChildPortal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];

    private ChildPortal(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet Portal.Web.dll <paramref name="args"/></c> with <paramref name="environment"/> added.</summary>
    public static ChildPortal Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // The dotnet that runs the tests when it says (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Killed by the kernel if the test host dies before it disposes the child (OrphanGuard).
        var child = new ChildPortal(new Process { StartInfo = OrphanGuard.Guarded(start) });
        child._process.OutputDataReceived += (_, e) => child.Add(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        OrphanGuard.Launch(child._process);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits until a line of output from line <paramref name="from"/> on matches, and returns its index; fails naming
    /// what it waited for, with the output so far, when the child exits or <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<int> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout, CancellationToken ct, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        var seen = from;
        while (true)
        {
            lock (_gate)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return seen;
                    }
                }
            }

            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                Assert.Fail($"Waited {deadline.Elapsed.TotalSeconds:0} s for {what}; the child {(_process.HasExited ? $"exited with {_process.ExitCode}" : "is still running")}. Output:\n{Tail()}");
            }

            await Task.Delay(10, ct);
        }
    }

    /// <summary>SIGKILL: no finally blocks, no disposal, no flushing; as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Waits for the child to exit on its own; its exit code, or a failure with the output when it does not.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"The child did not exit within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        }

        // The exit is seen before the last output lines are: wait for the end of both streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>How many lines of output there are so far.</summary>
    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The lines of output from line <paramref name="from"/> on.</summary>
    public IReadOnlyList<string> LinesFrom(int from)
    {
        lock (_gate)
        {
            return [.. _lines.Skip(from)];
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.TakeLast(lines));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            _output.AppendLine(line);
        }
    }
}
