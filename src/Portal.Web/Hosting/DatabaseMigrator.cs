using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Web.Hosting;

/// <summary>Applies migrations (never EnsureCreated) and reports what is pending.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<PortalDbContext> dbFactory, DatabaseStatistics statistics, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }

        if (db.IsSqlite)
        {
            // WAL lets readers proceed while a writer commits; it is a property of the file, so set it once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        // Data may have arrived while the app was down (a CLI import or seed): plan with current statistics from the start.
        await statistics.RefreshAsync(ct);

        return pending;
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }
}
