using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb and pg_ctl in a temp folder, on a free loopback port), as
/// scripts/test.sh starts one, so a test can stop and start it without disturbing the server the other tests use.
/// Run as the <c>postgres</c> account when the tests run as root (initdb refuses root).
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly string? _owner;

    private ThrowawayPostgres(string bin, string dir, string? owner, int port)
    {
        _bin = bin;
        _dir = dir;
        _owner = owner;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database={database};Pooling=true;Timeout=5";

    /// <summary>Creates and starts a cluster, and a database named <paramref name="database"/> in it.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(string database, CancellationToken ct)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0).LastOrDefault()
            : null;
        if (bin is null)
        {
            Assert.Fail("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: install the postgresql package (scripts/test.sh does).");
        }

        var dir = Directory.CreateTempSubdirectory("portal-fault-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "socket"));
        await File.WriteAllTextAsync(Path.Combine(dir, "pwfile"), "postgres\n", ct);

        // Whose cluster this is: scripts/test.sh stops and removes clusters whose test host is gone.
        await File.WriteAllTextAsync(Path.Combine(dir, "host.pid"), $"{Environment.ProcessId}\n", ct);
        var owner = Environment.UserName == "root" ? "postgres" : null;
        if (owner is not null)
        {
            await RunAsync("chown", ["-R", owner, dir], ct);
        }

        var cluster = new ThrowawayPostgres(bin!, dir, owner, FreePort());
        try
        {
            await cluster.AsOwnerAsync(
                "initdb", ["-D", cluster.Data, "-U", "postgres", $"--pwfile={Path.Combine(dir, "pwfile")}", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
            await cluster.StartAgainAsync();
            await using var connection = new NpgsqlConnection(cluster.ConnectionString());
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(_dir, "data");

    /// <summary>
    /// Starts the server (again) on the same port and waits until it accepts connections. Not cancellable: pg_ctl
    /// starts the server as a daemon, and a cancelled wait would leave it running while the caller, seeing no
    /// <c>postmaster.pid</c> yet, deleted its folder. A cluster left behind by a test host that died is stopped and
    /// removed by scripts/test.sh (<c>/tmp/portal-fault-pg-*</c>).
    /// </summary>
    public Task StartAgainAsync() =>
        AsOwnerAsync(
            "pg_ctl",
            ["-D", Data, "-l", Path.Combine(_dir, "postgres.log"), "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -p {Port} -k {Path.Combine(_dir, "socket")} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100",
                "start"],
            CancellationToken.None);

    /// <summary>Stops the server as an operator or a crash would: <c>fast</c> ends every connection at once.</summary>
    public Task StopAsync(CancellationToken ct) => AsOwnerAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "30", "stop"], ct);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await AsOwnerAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already stopped, or it will be found dead: the folder goes either way.
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task AsOwnerAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        _owner is null
            ? RunAsync(Path.Combine(_bin, tool), args, ct)
            : RunAsync("runuser", ["-u", _owner, "--", Path.Combine(_bin, tool), .. args], ct);

    private static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
