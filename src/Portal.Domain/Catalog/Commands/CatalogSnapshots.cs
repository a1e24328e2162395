using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Commands;

/// <summary>Records today's catalog counts; running it twice on one day updates the same row.</summary>
public sealed class CatalogSnapshots(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CatalogSnapshot> RecordAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.CatalogSnapshots.FirstOrDefaultAsync(s => s.Day == now.Date, ct);
        if (snapshot is null)
        {
            snapshot = new CatalogSnapshot(now);
            db.CatalogSnapshots.Add(snapshot);
        }

        snapshot.Update(
            await db.Services.CountAsync(ct),
            await db.Teams.CountAsync(ct),
            await db.People.CountAsync(ct),
            await db.Dependencies.CountAsync(ct),
            await db.Services.CountAsync(s => s.OwnerTeamId == null, ct),
            now);
        await db.SaveChangesAsync(ct);
        return snapshot;
    }

    public async Task<IReadOnlyList<CatalogSnapshot>> RecentAsync(int days, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CatalogSnapshots.AsNoTracking().Where(s => s.Day >= since).OrderBy(s => s.Day).ToListAsync(ct);
    }
}
