using System.Text.Json;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

// An admin stops a mirrored item following its GitHub issue (docs/github-sync.md, "When an item stops following").
public sealed partial class DebtCommands
{
    /// <summary>The audit action of an admin stopping an item following its GitHub issue (refusals: with <c>.denied</c>).</summary>
    public const string StopFollowingAction = "debt.github.stop-following";

    /// <summary>
    /// Stops a mirrored item following its GitHub issue, for when the sync cannot: its organisation is no longer synced,
    /// the sync is off, or the issue cannot be changed on GitHub. The item becomes Portal's own (source Manual, every field
    /// people's, its link to the issue kept) and the sync never mirrors the issue into it again. Admins only; refused
    /// (and audited) for anyone else and for an item that follows no issue; a conflict when the item changed since
    /// <paramref name="expectedVersion"/>. Returns the new version.
    /// </summary>
    public async Task<int> StopFollowingAsync(Actor actor, Guid id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadAsync(db, id, ct);
        var before = Snapshot(item);
        if (!actor.IsAdmin)
        {
            const string why = "only an admin may stop an item following its GitHub issue";
            await DenyAsync(db, actor, StopFollowingAction + ".denied", item.Id.ToString(), before, why, ct);
            throw new ForbiddenException(why);
        }

        if (item.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException("Debt item", item.Title);
        }

        if (!item.IsMirrored)
        {
            const string why = "does not follow a GitHub issue";
            await DenyAsync(db, actor, StopFollowingAction + ".denied", item.Id.ToString(), before, $"source {why}", ct);
            throw new DomainValidationException("source", why);
        }

        item.StopFollowing(Now);
        var after = JsonSerializer.SerializeToNode(Snapshot(item, saved: true), AuditJson)!.AsObject();
        after["released"] = $"{actor.DisplayName} stopped the item following {item.ExternalUrl}; it is Portal's own now and the sync leaves it alone";
        db.Entry(item).Property(i => i.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, StopFollowingAction, EntityType, item.Id.ToString(), before, after);
        await SaveAsync(db, item, ct);
        return item.Version;
    }
}
