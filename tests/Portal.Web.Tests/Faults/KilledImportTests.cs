using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Testing;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// A <c>portal import</c> killed with SIGKILL while its one transaction is open, half of its services already sent to
/// the database, leaves the database as it was before the import (SQLite: a sound file, the half-written transaction
/// in the write-ahead log ignored on the next open; PostgreSQL: rolled back when the connection drops), and the same
/// import run again completes. An import that committed part of its work (per batch, say) would leave services behind.
/// </summary>
public abstract partial class KilledImportTests(TestProvider provider) : IAsyncLifetime
{
    private const int Components = 3000;

    /// <summary>
    /// How many services the import must have sent before it is killed: half, over several of EF's command batches
    /// (at most 1,000 rows each on PostgreSQL), and with descriptions long enough (about 2 KB) that SQLite's page cache
    /// (2 MB) has spilled uncommitted pages into the write-ahead log by then.
    /// </summary>
    private const int SentBeforeKill = Components / 2;

    /// <summary>The child's connections to PostgreSQL carry this name, so the test watches only them.</summary>
    private const string ApplicationName = "portal-killed-import";

    private static readonly string Filler = string.Concat(Enumerable.Repeat("It settles card payments for the shop. ", 52));

    [GeneratedRegex(@"INSERT INTO ""?services""? \(", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceInsert();

    private TestDatabase _db = null!;
    private string _catalog = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _catalog = Directory.CreateTempSubdirectory("portal-killed-import-").FullName;
        await File.WriteAllTextAsync(
            Path.Combine(_catalog, "team.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n", Ct);
        for (var file = 0; file < 6; file++)
        {
            var yaml = new StringBuilder();
            for (var i = file * (Components / 6); i < (file + 1) * (Components / 6); i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-{i:D4}\n  description: Service number {i}. {Filler}\n")
                    .Append("spec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n---\n");
            }

            await File.WriteAllTextAsync(Path.Combine(_catalog, $"services-{file}.yaml"), yaml.ToString(), Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(_catalog, recursive: true);
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Import_KilledWhileItsTransactionIsOpen_LeavesTheDatabaseAsBeforeAndARerunCompletes()
    {
        var auditBefore = await CountAsync(db => db.AuditEntries.CountAsync(Ct));

        await using (var import = Start())
        {
            var writing = await WhenHalfTheServicesAreSentAsync(import);
            await import.KillAsync();

            // Killed before EF even began to commit: nothing of the import may be visible.
            Assert.DoesNotContain(import.LinesFrom(writing), l => l.Contains("Committing transaction", StringComparison.Ordinal));
        }

        if (provider == TestProvider.Sqlite)
        {
            // Before anything opens the file again: the log holds written pages of the open transaction, for SQLite to ignore.
            var wal = new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource + "-wal";
            Assert.True(UncommittedFrames(wal) > 0, $"{wal} holds no page of the killed transaction: the kill proves nothing");
        }

        Assert.Equal(0, await CountAsync(db => db.Services.CountAsync(Ct)));
        Assert.Equal(0, await CountAsync(db => db.Teams.CountAsync(Ct)));
        Assert.Equal(auditBefore, await CountAsync(db => db.AuditEntries.CountAsync(Ct)));
        if (provider == TestProvider.Sqlite)
        {
            await using var db = _db.CreateContext();
            Assert.Equal(["ok"], await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync(Ct));
        }

        await using var again = Start();
        var exit = await again.WaitForExitAsync(TimeSpan.FromSeconds(90), Ct);

        Assert.True(exit == 0, again.Tail());
        Assert.Equal(Components, await CountAsync(db => db.Services.CountAsync(Ct)));
        Assert.Equal(1, await CountAsync(db => db.Teams.CountAsync(Ct)));
    }

    private ChildPortal Start() => ChildPortal.Start(
        new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = provider == TestProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(_db.ConnectionString) { ApplicationName = ApplicationName }.ConnectionString
                : _db.ConnectionString,
            ["Database__Provider"] = provider.ToString(),
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction"] = "Debug",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",

            // Plain lines: a batch's command text then shows each INSERT on a line of its own (JSON puts it on one, twice).
            ["Logging__Console__FormatterName"] = "simple",
        },
        "import",
        _catalog);

    /// <summary>
    /// Returns once EF has logged <see cref="SentBeforeKill"/> executed inserts into <c>services</c> (only the import
    /// writes services; EF logs a command after the database ran it). On PostgreSQL the child's own session (by its
    /// application name, so no autovacuum worker counts) must then hold a transaction id: a transaction that has written.
    /// </summary>
    /// <returns>The line of output from which on the import's commit would show.</returns>
    private async Task<int> WhenHalfTheServicesAreSentAsync(ChildPortal import)
    {
        var first = -1;
        var line = -1;
        for (var sent = 0; sent < SentBeforeKill; sent++)
        {
            line = await import.WaitForLineAsync(
                l => ServiceInsert().IsMatch(l), $"insert {sent + 1} of {SentBeforeKill} into services", TimeSpan.FromSeconds(90), Ct, line + 1);
            first = first < 0 ? line : first;
        }

        if (provider == TestProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!);
            await connection.OpenAsync(Ct);
            await using var writing = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND application_name = @app AND backend_xid IS NOT NULL", connection);
            writing.Parameters.AddWithValue("name", _db.DatabaseName!);
            writing.Parameters.AddWithValue("app", ApplicationName);
            Assert.True((long)(await writing.ExecuteScalarAsync(Ct))! > 0, "The import's session holds no open transaction:\n" + import.Tail());
        }

        return first;
    }

    /// <summary>
    /// How many frames at the end of a SQLite write-ahead log follow its last commit frame: pages of a transaction
    /// that never committed. Frames count while their salts match the log's header (later ones are left from before).
    /// </summary>
    private static int UncommittedFrames(string walPath)
    {
        var wal = File.ReadAllBytes(walPath);
        if (wal.Length < 32)
        {
            return 0;
        }

        var pageSize = BinaryPrimitives.ReadInt32BigEndian(wal.AsSpan(8));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var salts = wal.AsSpan(16, 8);
        var sinceCommit = 0;
        for (var at = 32; at + 24 + pageSize <= wal.Length && wal.AsSpan(at + 8, 8).SequenceEqual(salts); at += 24 + pageSize)
        {
            sinceCommit = BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(at + 4)) != 0 ? 0 : sinceCommit + 1;
        }

        return sinceCommit;
    }

    private async Task<int> CountAsync(Func<Portal.Domain.Persistence.PortalDbContext, Task<int>> count)
    {
        await using var db = _db.CreateContext();
        return await count(db);
    }
}

public sealed class SqliteKilledImportTests() : KilledImportTests(TestProvider.Sqlite);

public sealed class PostgresKilledImportTests() : KilledImportTests(TestProvider.Postgres);
