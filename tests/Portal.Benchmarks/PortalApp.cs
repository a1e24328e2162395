using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Benchmarks;

/// <summary>
/// What a CLI verb printed, how long the process took (start to exit), its peak resident set size (VmHWM,
/// sampled every 10 ms while it ran), and the CPU time it used.
/// </summary>
internal sealed record VerbResult(IReadOnlyList<string> Stdout, string Stderr, TimeSpan Elapsed, long PeakRssBytes = 0, double CpuSeconds = 0);

/// <summary>
/// The Release-built <c>Portal.Web.dll</c>, started with <c>dotnet</c> exactly as in production: CLI verbs
/// (<c>seed scale</c>, <c>token create</c>) and the web server, configured only through environment variables.
/// </summary>
internal sealed class PortalApp(string repoRoot)
{
    public string RepoRoot { get; } = repoRoot;

    public string WebProject => Path.Combine(RepoRoot, "src", "Portal.Web", "Portal.Web.csproj");

    public string OutputDirectory => Path.Combine(RepoRoot, "src", "Portal.Web", "bin", "Release", "net10.0");

    public string Dll => Path.Combine(OutputDirectory, "Portal.Web.dll");

    /// <summary>Walks up from <paramref name="start"/> to the folder that holds Portal.sln.</summary>
    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public async Task BuildAsync(CancellationToken ct)
    {
        Console.WriteLine($"Building {Path.GetRelativePath(RepoRoot, WebProject)} (Release)…");
        using var process = Start(new ProcessStartInfo("dotnet", ["build", WebProject, "-c", "Release", "--nologo", "-v", "q"]) { WorkingDirectory = RepoRoot });
        var output = CaptureOutput(process, 200);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build failed ({process.ExitCode}):\n{output.Text}");
        }
    }

    /// <summary>
    /// Runs one CLI verb with the same environment the server gets (<paramref name="port"/> included), plus
    /// <paramref name="settings"/>, and fails on a non-zero exit code.
    /// </summary>
    public async Task<VerbResult> RunVerbAsync(
        BenchDatabase db, int port, IReadOnlyList<string> args, CancellationToken ct, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = AppStartInfo(db, port);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Start(info);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(ct);
        var stderrTask = process.StandardError.ReadToEndAsync(ct);
        var sampler = ProcessSampler.Watch(process, ct);
        await process.WaitForExitAsync(ct);
        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (peakRss, cpuSeconds) = await sampler;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {process.ExitCode}:\n{stderr}\n{stdout}");
        }

        return new VerbResult([.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], stderr, elapsed, peakRss, cpuSeconds);
    }

    /// <summary>
    /// Starts the web app on 127.0.0.1:<paramref name="port"/> and waits until <c>/healthz</c> answers 200.
    /// <paramref name="settings"/> are extra configuration, e.g. <c>Graph__WarmUpOnStart=false</c>.
    /// </summary>
    public async Task<PortalServer> StartServerAsync(BenchDatabase db, int port, CancellationToken ct, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = AppStartInfo(db, port);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Start(info);
        var output = CaptureOutput(process, 200);
        var server = new PortalServer(process, new Uri($"http://127.0.0.1:{port}/"), output);
        try
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(120), ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A free TCP port on the loopback interface.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessStartInfo AppStartInfo(BenchDatabase db, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            // The content root, so appsettings.json next to the dll is read as in a deployment.
            WorkingDirectory = OutputDirectory,
        };
        info.ArgumentList.Add(Dll);
        info.Environment["Database__Provider"] = db.ProviderSetting;
        info.Environment["ConnectionStrings__Portal"] = db.ConnectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Hangfire"] = "Warning";
        info.Environment["Database__MigrateOnStartup"] = "true";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // The load comes from one address and one token, far above what one caller may send in production:
        // the limiter stays on (its cost is measured), with limits no workload reaches.
        foreach (var rule in new[] { "ApiPerToken", "ApiPerAddress", "SignIn", "Webhook" })
        {
            info.Environment[$"Limits__{rule}__PermitLimit"] = "1000000";
            info.Environment[$"Limits__{rule}__WindowSeconds"] = "1";
        }

        // No telemetry export from a benchmark, whatever the calling shell has set.
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment.Remove("OpenTelemetry__OtlpEndpoint");
        return info;
    }

    private static Process Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
    }

    /// <summary>Drains both pipes (a full pipe would block the child) and keeps the last lines for error messages.</summary>
    private static OutputTail CaptureOutput(Process process, int lines)
    {
        var tail = new OutputTail(lines);
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tail;
    }
}

/// <summary>The last lines a child process wrote, for error messages.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }
}

/// <summary>A running Portal web server process; disposing stops it (SIGTERM, then kill).</summary>
internal sealed class PortalServer(Process process, Uri baseAddress, OutputTail output) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public string OutputTail => output.Text;

    /// <summary>Whether the server still runs, and its last output: for error messages.</summary>
    public string Describe() => process.HasExited
        ? $"The Portal process exited with {process.ExitCode}. Its last output:\n{output.Text}"
        : $"The Portal process (pid {process.Id}) is still running. Its last output:\n{output.Text}";

    /// <summary>The process's peak resident set size so far (VmHWM in /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long PeakRssBytes() => ProcStatusKb("VmHWM") * 1024;

    /// <summary>The process's resident set size now (VmRSS), in bytes.</summary>
    public long RssBytes() => ProcStatusKb("VmRSS") * 1024;

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        string last = "no answer yet";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Portal exited with {process.ExitCode} before it was healthy:\n{output.Text}");
            }

            try
            {
                using var response = await client.GetAsync("healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"/healthz did not answer 200 within {timeout.TotalSeconds:0} s (last: {last}):\n{output.Text}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // Graceful first, so connections close and SQLite checkpoints; .NET's Process.Kill is SIGKILL only.
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                if (kill is not null)
                {
                    await kill.WaitForExitAsync();
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    private long ProcStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

/// <summary>Follows a child process while it runs: its peak RSS (VmHWM) and CPU time, read every 10 ms.</summary>
internal static class ProcessSampler
{
    public static async Task<(long PeakRssBytes, double CpuSeconds)> Watch(Process process, CancellationToken ct)
    {
        long peak = 0;
        long ticks = 0;
        var pid = process.Id;
        while (!process.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        peak = Math.Max(peak, long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024);
                    }
                }

                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks = Math.Max(ticks, long.Parse(rest[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(rest[12], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Exited between the check and the read (a zombie has no VmHWM line); the last reading stands.
            }

            await Task.Delay(10, ct);
        }

        return (peak, ticks / 100.0);
    }
}
