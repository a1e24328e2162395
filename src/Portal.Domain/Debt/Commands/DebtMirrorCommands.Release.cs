using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

// Releasing items: the issue lost its label, was deleted or moved away, its repository was archived, or the items
// whose issues left the search (docs/github-sync.md, "Tech-debt issues").
public sealed partial class DebtMirrorCommands
{
    /// <summary>
    /// Stops mirroring the issue <c>{organization}/{repository}#{number}</c> (its label was removed, it was deleted or
    /// moved away): the item stays, with its status and its link, as Portal's own. The item is found by GitHub's issue id
    /// <paramref name="issueId"/> when known; by the address only when the item has no id yet (mirrored before ids were
    /// kept), since an address can be taken by another issue after a rename. <paramref name="liveUpdatedAt"/> is the
    /// <c>updated_at</c> of the live answer that caused the release, so a lagging search cannot mirror it again.
    /// Ignored when no item mirrors it.
    /// </summary>
    public Task<DebtMirrorResult> ReleaseAsync(
        Actor actor, string organization, string repository, int number, long? issueId, string reason, CancellationToken ct = default, DateTime? liveUpdatedAt = null) =>
        RetryAsync(() => TryReleaseAsync(actor, null, organization, repository, number, issueId, reason, liveUpdatedAt, false, ct));

    /// <summary>Stops mirroring into the item <paramref name="itemId"/> (the sync looked its issue up and knows which item it is).</summary>
    public Task<DebtMirrorResult> ReleaseItemAsync(Actor actor, Guid itemId, string reason, DateTime? liveUpdatedAt = null, CancellationToken ct = default) =>
        RetryAsync(() => TryReleaseAsync(actor, itemId, null, null, 0, null, reason, liveUpdatedAt, false, ct));

    /// <summary>
    /// Releases the item <paramref name="itemId"/> for good because its repository is archived: the sync never mirrors
    /// the issue into it again, even after the repository is unarchived (people may have closed or edited it since).
    /// </summary>
    public Task<DebtMirrorResult> ReleaseArchivedItemAsync(Actor actor, Guid itemId, string reason, CancellationToken ct = default) =>
        RetryAsync(() => TryReleaseAsync(actor, itemId, null, null, 0, null, reason, null, true, ct));

    /// <summary>
    /// Of the items at an address that never learnt their issue's id, the one that followed it: the open one that was
    /// mirrored most recently (one order for every release by address).
    /// </summary>
    private static async Task<DebtItem?> WithoutIdAtAsync(IQueryable<DebtItem> atAddress, CancellationToken ct) =>
        (await atAddress.Where(i => i.GitHubIssueId == null).ToListAsync(ct))
            .OrderByDescending(i => i.IsOpen).ThenByDescending(i => i.MirroredUpdatedAt).ThenByDescending(i => i.CreatedAt)
            .FirstOrDefault();

    /// <summary>How often an item's history says again that the sync held its release back while the cause lasts.</summary>
    public static readonly TimeSpan RefusedReleaseRepeat = TimeSpan.FromDays(1);

    private async Task<DebtMirrorResult> TryReleaseAsync(
        Actor actor, Guid? itemId, string? organization, string? repository, int number, long? issueId, string reason, DateTime? liveUpdatedAt,
        bool forGood, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .Mirrored();
        DebtItem? item;
        if (itemId is { } known)
        {
            item = await items.FirstOrDefaultAsync(i => i.Id == known, ct);
        }
        else
        {
            var suffix = $"/{organization}/{repository}/issues/{number}".ToLowerInvariant();
            var atAddress = items.Where(i => i.ExternalUrl!.ToLower().EndsWith(suffix));
            if (issueId is > 0)
            {
                var id = issueId.Value;
                item = await items.FirstOrDefaultAsync(i => i.GitHubIssueId == id, ct) ?? await WithoutIdAtAsync(atAddress, ct);
            }
            else
            {
                // GitHub no longer has the issue and nobody told its id: only an item that never learnt an id may be it (an
                // item with an id is some other issue, whose address this one took after a rename; the full sync looks
                // those up by item).
                item = await WithoutIdAtAsync(atAddress, ct);
            }
        }

        if (item is null)
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        item.MarkMirrored(liveUpdatedAt);
        Release(db, actor, item, reason, forGood);
        await db.SaveChangesAsync(ct);
        return DebtMirrorResult.Of(DebtMirrorChange.Released, item.Id);
    }

    /// <summary>
    /// Audits (as refused, one entry per item, in one transaction) that the sync did not release
    /// <paramref name="itemIds"/> although their issues say so, and why (more at once than a run may release). Items
    /// that no longer exist are skipped, and so are items whose release was already refused within
    /// <see cref="RefusedReleaseRepeat"/>: the cause (a token that lost access, a mistyped label) lasts until someone
    /// mends it, and an entry per item on every hourly run would fill the audit log and every item's history.
    /// </summary>
    public async Task RecordRefusedReleasesAsync(Actor actor, IReadOnlyCollection<Guid> itemIds, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = itemIds.ToList();
        var existing = await db.DebtItems.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        var keys = existing.Select(id => id.ToString()).ToList();
        var since = Now - RefusedReleaseRepeat;
        var recent = (await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == DebtCommands.EntityType && a.Action == ReleaseRefusedAction && a.At >= since && keys.Contains(a.EntityKey))
            .Select(a => a.EntityKey).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var id in existing.Where(id => !recent.Contains(id.ToString())))
        {
            AuditLog.Record(db, actor, ReleaseRefusedAction, DebtCommands.EntityType, id.ToString(), null, new { Refused = reason }, succeeded: false);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// After a complete search of <paramref name="organization"/>'s open labelled issues: the open items still mirroring
    /// an issue of it that the search did not return (neither its address nor its id), so the sync can ask GitHub about
    /// each one (closed, unlabelled, deleted, moved) before changing anything. Items of archived repositories
    /// (<paramref name="archivedRepositories"/>, names) are left out, as are items already closed: a closed issue is
    /// not in the search, and nothing about it needs following.
    /// </summary>
    public async Task<IReadOnlyList<DebtMirrorMissing>> MissingAsync(
        string organization, IReadOnlySet<string> foundUrls, IReadOnlySet<long> foundIds, IReadOnlySet<string> archivedRepositories, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mirrored = await db.DebtItems.AsNoTracking()
            .Mirrored().Where(i => i.Status != DebtStatus.Done && i.Status != DebtStatus.WontFix)
            .Select(i => new { i.Id, Url = i.ExternalUrl!, i.GitHubIssueId })
            .ToListAsync(ct);
        var urls = foundUrls.Select(u => u.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        // An item that knows its issue's id is found by it only: its address may since belong to another issue.
        return mirrored
            .Where(i => i.GitHubIssueId is { } id ? !foundIds.Contains(id) : !urls.Contains(i.Url.ToLowerInvariant()))
            .Select(i => IssueOf(i.Url) is { } at && int.TryParse(i.Url.TrimEnd('/').Split('/')[^1], out var number)
                ? new DebtMirrorMissing(i.Id, at.Organization, at.Repository, number, i.GitHubIssueId)
                : null)
            .OfType<DebtMirrorMissing>()
            .Where(m => string.Equals(m.Organization, organization, StringComparison.OrdinalIgnoreCase)
                && !archivedRepositories.Contains(m.Repository, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>
    /// The items still mirroring an issue of one of <paramref name="organization"/>'s <paramref name="archivedRepositories"/>
    /// (names), open or closed: an archived repository is read-only, so the sync releases them.
    /// </summary>
    public async Task<IReadOnlyList<DebtMirrorMissing>> InArchivedRepositoriesAsync(
        string organization, IReadOnlySet<string> archivedRepositories, CancellationToken ct = default)
    {
        if (archivedRepositories.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mirrored = await db.DebtItems.AsNoTracking()
            .Mirrored()
            .Select(i => new { i.Id, Url = i.ExternalUrl!, i.GitHubIssueId })
            .ToListAsync(ct);
        return mirrored
            .Select(i => IssueOf(i.Url) is { } at && int.TryParse(i.Url.TrimEnd('/').Split('/')[^1], out var number)
                ? new DebtMirrorMissing(i.Id, at.Organization, at.Repository, number, i.GitHubIssueId)
                : null)
            .OfType<DebtMirrorMissing>()
            .Where(m => string.Equals(m.Organization, organization, StringComparison.OrdinalIgnoreCase)
                && archivedRepositories.Contains(m.Repository, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>Why an item following an issue of an archived repository is released.</summary>
    public static string ArchivedReason(string organization, string repository) =>
        $"the repository {organization}/{repository} is archived on GitHub, so its issue can no longer be closed there; the item is Portal's own now";

    /// <summary>
    /// Makes the item Portal's own. <paramref name="forGood"/>: the sync never mirrors its issue into it again (as when an
    /// admin stops it following), for a release that a later change on GitHub must not undo.
    /// </summary>
    private void Release(PortalDbContext db, Actor actor, DebtItem item, string reason, bool forGood = false)
    {
        var before = DebtCommands.Snapshot(item);
        if (forGood)
        {
            item.StopFollowing(Now);
        }
        else
        {
            item.StopMirroring(Now);
        }

        var after = JsonSerializer.SerializeToNode(DebtCommands.Snapshot(item, saved: true), Json)!.AsObject();
        after["released"] = reason;
        if (forGood)
        {
            after["followsAgain"] = false;
        }

        AuditLog.Record(db, actor, ReleaseAction, DebtCommands.EntityType, item.Id.ToString(), before, after);
    }
}
