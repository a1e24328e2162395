using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Persistence.Infrastructure;

namespace Portal.Domain.Sync.Commands;

/// <summary>
/// Takes, renews and gives back <see cref="SyncLease"/>s with single conditional UPDATE statements,
/// so two portal instances on one database can never both believe they hold the same lease.
/// </summary>
public sealed class SyncLeases(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The lease every GitHub write (full or targeted sync) holds.</summary>
    public const string GitHub = "github-sync";

    /// <summary>Takes the lease when it is free, expired or already ours; false when someone else holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        var taken = await db.SyncLeases
            .Where(l => l.Name == name && (l.Holder == null || l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.SyncLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        try
        {
            db.SyncLeases.Add(new SyncLease(name));
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created the row first; the conditional update below decides.
        }

        await using var again = await dbFactory.CreateDbContextAsync(ct);
        return await again.SyncLeases
            .Where(l => l.Name == name && (l.Holder == null || l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), ct) == 1;
    }

    /// <summary>Extends a lease we hold; false when it was lost (expired and taken by someone else).</summary>
    public async Task<bool> RenewAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expires = clock.GetUtcNow().UtcDateTime + duration;
        return await db.SyncLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, expires), ct) == 1;
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SyncLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, SyncLease.Free), ct);
    }

    /// <summary>Who holds the lease now, or null.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SyncLeases.Where(l => l.Name == name && l.ExpiresAt >= now).Select(l => l.Holder).FirstOrDefaultAsync(ct);
    }
}
