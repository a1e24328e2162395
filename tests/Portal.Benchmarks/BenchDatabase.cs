using Npgsql;

namespace Portal.Benchmarks;

/// <summary>
/// A fresh, empty database for one run: a temp SQLite file, or a new database on the PostgreSQL server
/// named by the admin connection string. The app migrates it; disposing deletes or drops it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private BenchDatabase(Provider provider, string connectionString, string? sqlitePath, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public Provider Provider { get; }

    /// <summary>What the app gets as <c>ConnectionStrings__Portal</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The value of <c>Database__Provider</c>, as the app spells it.</summary>
    public string ProviderSetting => Provider == Provider.Postgres ? "Postgres" : "Sqlite";

    public static async Task<BenchDatabase> CreateAsync(Provider provider, string? postgresAdmin, CancellationToken ct)
    {
        if (provider == Provider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
            // The same settings the app uses for its own default file.
            return new BenchDatabase(provider, $"Data Source={path};Cache=Shared;Foreign Keys=True;Default Timeout=30", path, null, null);
        }

        var admin = postgresAdmin ?? throw new InvalidOperationException("No PostgreSQL admin connection string.");
        var name = $"portal_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new BenchDatabase(provider, builder.ConnectionString, null, admin, name);
    }

    /// <summary>
    /// PostgreSQL: gathers planner statistics (<c>ANALYZE</c>), as autovacuum does by itself within about a minute of a
    /// bulk load. Without it the numbers depend on whether autovacuum got there before the measurement. SQLite has no
    /// such background job and the app does not analyze, so a SQLite database is measured as the app leaves it.
    /// </summary>
    /// <returns>True when statistics were gathered.</returns>
    public async Task<bool> AnalyzeAsync(CancellationToken ct)
    {
        if (Provider != Provider.Postgres)
        {
            return false;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("ANALYZE", connection);
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>Process ids of the PostgreSQL backends connected to this database (none for SQLite).</summary>
    public async Task<IReadOnlyList<int>> BackendPidsAsync(CancellationToken ct)
    {
        if (_postgresAdmin is null)
        {
            return [];
        }

        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _postgresName });
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>The PostgreSQL server's version, for the report.</summary>
    public static async Task<string> PostgresVersionAsync(string postgresAdmin, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(postgresAdmin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string?)await command.ExecuteScalarAsync(ct) ?? "unknown";
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(_sqlitePath + suffix);
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
