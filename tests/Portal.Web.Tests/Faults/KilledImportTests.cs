using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Testing;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// A <c>portal import</c> killed with SIGKILL while its one transaction is open leaves the database as it was before
/// the import (SQLite: a sound file, the half-written transaction ignored on the next open; PostgreSQL: rolled back
/// when the connection drops), and the same import run again completes.
/// </summary>
public abstract class KilledImportTests(TestProvider provider) : IAsyncLifetime
{
    private const int Components = 3000;

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
                yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-{i:D4}\n  description: Service number {i}\n")
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
            var began = await WhenTheImportWritesAsync(import);
            await import.KillAsync();

            // Killed before EF even began to commit: nothing of the import may be visible.
            Assert.DoesNotContain(import.LinesFrom(began), l => l.Contains("Committing transaction", StringComparison.Ordinal));
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
            ["ConnectionStrings__Portal"] = _db.ConnectionString,
            ["Database__Provider"] = provider.ToString(),
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction"] = "Debug",
        },
        "import",
        _catalog);

    /// <summary>
    /// Returns once the import's transaction has begun writing. SQLite: the first transaction after the planner
    /// statistics are refreshed (the last step of <c>migrate</c>, which the import runs first) is the import's, and
    /// EF logs its start. PostgreSQL: a session of this database holds a transaction id, which a transaction gets with
    /// its first write and gives up when it ends.
    /// </summary>
    /// <returns>The line of output from which on the import's commit would show.</returns>
    private async Task<int> WhenTheImportWritesAsync(ChildPortal import)
    {
        if (provider == TestProvider.Sqlite)
        {
            var refreshed = await import.WaitForLineAsync(
                l => l.Contains("Refreshed SQLite planner statistics", StringComparison.Ordinal), "the statistics refresh after migrate", TimeSpan.FromSeconds(60), Ct);
            var began = await import.WaitForLineAsync(
                l => l.Contains("Began transaction", StringComparison.Ordinal), "the import's transaction", TimeSpan.FromSeconds(60), Ct, refreshed + 1);
            return began;
        }

        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(Ct);
        await using var writing = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND backend_xid IS NOT NULL", connection);
        writing.Parameters.AddWithValue("name", _db.DatabaseName!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await writing.ExecuteScalarAsync(Ct))! == 0)
        {
            Assert.False(import.HasExited, "The import ended before it was seen writing:\n" + import.Tail());
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The import was not seen writing within 60 s:\n" + import.Tail());
            await Task.Delay(5, Ct);
        }

        return import.LineCount;
    }

    private async Task<int> CountAsync(Func<Portal.Domain.Persistence.PortalDbContext, Task<int>> count)
    {
        await using var db = _db.CreateContext();
        return await count(db);
    }
}

public sealed class SqliteKilledImportTests() : KilledImportTests(TestProvider.Sqlite);

public sealed class PostgresKilledImportTests() : KilledImportTests(TestProvider.Postgres);
