using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portal.Domain.Persistence;
using Portal.Migrations.Postgres;
using Portal.Migrations.Sqlite;

namespace Portal.Testing;

/// <summary>Which real database a test runs on. Every integration test runs on both.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated database of its own: a temp SQLite file, or a new database on the PostgreSQL
/// server named by <c>PORTAL_TEST_POSTGRES</c> (scripts/test.sh starts one). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _adminConnectionString;

    private TestDatabase(TestProvider provider, string connectionString, string? sqlitePath, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _adminConnectionString = adminConnectionString;
        DatabaseName = databaseName;
        Factory = new ContextFactory(this);
    }

    public TestProvider Provider { get; }

    public string ConnectionString { get; }

    public string? DatabaseName { get; }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    /// <summary>Creates an empty database without applying migrations.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(TestProvider provider)
    {
        if (provider == TestProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={path};Foreign Keys=True;Pooling=False", path, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL, or point it at a server where tests may create databases.");
        }

        var name = $"portal_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, admin, name);
    }

    /// <summary>Creates a database and applies every migration, as <c>migrate</c> does.</summary>
    public static async Task<TestDatabase> CreateAsync(TestProvider provider)
    {
        var db = await CreateEmptyAsync(provider);
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public PortalDbContext CreateContext() => new(Options());

    /// <summary>The clock that stamps saved rows; a test that controls time sets its fake clock here.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public DbContextOptions<PortalDbContext> Options()
    {
        // A query EF calls unpredictable (First without an order or a filter) fails the test that runs it, instead of
        // leaving a warning in a log nobody reads.
        var builder = new DbContextOptionsBuilder<PortalDbContext>().UseClock(Clock)
            .ConfigureWarnings(w => w.Throw(CoreEventId.FirstWithoutOrderByAndFilterWarning));
        return (Provider == TestProvider.Sqlite
            ? SqliteProvider.Configure(builder, ConnectionString)
            : PostgresProvider.Configure(builder, ConnectionString)).Options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class ContextFactory(TestDatabase db) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => db.CreateContext();
    }
}
