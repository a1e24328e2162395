using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// The GitHub sync's way into the debt register: an issue labelled as tech debt becomes an item (upserted by the
/// issue's URL), follows the issue's title, body and open/closed state, and stops following it when the label goes.
/// Each issue is one unit of work: validated, scored, audited (the actor is the sync, the correlation id the job's) and
/// saved together, or not at all. Nothing is written when nothing changed. Fields people own (the assessment, target
/// quarter, outcome, services, reports) are set once, when the item is created, and never touched again.
/// </summary>
public sealed class DebtMirrorCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    public const string CreateAction = "debt.github.create";
    public const string UpdateAction = "debt.github.update";
    public const string ReleaseAction = "debt.github.release";
    public const string AdoptAction = "debt.github.adopt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates or updates the item mirroring <paramref name="issue"/>. A new item affects the service of the issue's
    /// repository (refused, with why, when the catalog has none) and is assessed from defaults and the issue's labels
    /// (<see cref="DebtLabels"/>). Issues of archived repositories are ignored. An item saved by a person meanwhile is
    /// read again and the issue applied once more, so neither change is lost.
    /// </summary>
    public Task<DebtMirrorResult> MirrorAsync(Actor actor, MirroredIssue issue, CancellationToken ct = default) =>
        RetryAsync(() => TryMirrorAsync(actor, issue, ct));

    /// <summary>
    /// Runs one unit of work again when someone saved the item between its read and its write: read again, and the
    /// change is applied to their version, so neither is lost. A conflict that keeps coming back is thrown.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // Read again and apply to the newer version.
            }
        }
    }

    private async Task<DebtMirrorResult> TryMirrorAsync(Actor actor, MirroredIssue issue, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (organization, name) = (issue.Organization.ToLowerInvariant(), issue.Repository.ToLowerInvariant());
        var repository = await db.GitHubRepositories.AsNoTracking()
            .Where(r => r.Organization.ToLower() == organization && r.Name.ToLower() == name && !r.IsGone)
            .Select(r => new { r.IsArchived, r.ServiceId })
            .FirstOrDefaultAsync(ct);
        var now = Now;
        var link = new DebtLink(DebtLinkKind.GitHubIssue, issue.Url, issue.Reference);
        var item = await FindAsync(db, issue, ct);
        if (repository is { IsArchived: true })
        {
            // An archived repository is read-only: its issue can no longer be closed, so an item following it would stay
            // open for good. It is released (Portal's own from now on); a new issue of it is not brought in.
            if (item is { IsMirrored: true })
            {
                Release(db, actor, item, ArchivedReason(issue.Organization, issue.Repository));
                await db.SaveChangesAsync(ct);
                return DebtMirrorResult.Of(DebtMirrorChange.Released, item.Id);
            }

            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        if (item is { IsMirrored: false, MirrorStoppedAt: not null })
        {
            // An admin stopped this item following the issue: it stays Portal's own.
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored, item.Id);
        }
        if (item is null && issue.Closed)
        {
            // Only open issues are brought in: a closed one nobody followed has nothing left to plan (and importing years of
            // closed issues would fill past quarters with effort nobody estimated).
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        if (item is null)
        {
            var (adopted, others) = await AdoptableAsync(db, issue.Url, ct);
            return adopted is null
                ? await CreateAsync(db, actor, issue, link, repository?.ServiceId, now, ct)
                : await UpdateAsync(db, actor, issue, link, adopted, now, others, ct);
        }

        return await UpdateAsync(db, actor, issue, link, item, now, null, ct);
    }

    /// <summary>
    /// The item following the issue: by GitHub's issue id, which survives renames and transfers; else, for an item
    /// mirrored before the id was kept, by the issue's web address (the id is filled in then).
    /// </summary>
    private static async Task<DebtItem?> FindAsync(PortalDbContext db, MirroredIssue issue, CancellationToken ct)
    {
        var items = db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery();
        if (issue.Id > 0 && await items.FirstOrDefaultAsync(i => i.GitHubIssueId == issue.Id, ct) is { } byId)
        {
            return byId;
        }

        return await items.Where(i => i.ExternalUrl == issue.Url && (i.GitHubIssueId == null || issue.Id <= 0))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Items people logged by hand that already link the issue (before it carried the label): the oldest is adopted
    /// rather than a duplicate created; the others are named on the run as possible duplicates.
    /// </summary>
    private static async Task<(DebtItem? Adopted, IReadOnlyList<string> Others)> AdoptableAsync(PortalDbContext db, string url, CancellationToken ct)
    {
        // The links are a JSON column: a LIKE narrows the rows (a superset: '_' matches any character), the check below decides.
        var pattern = $"%\"{url.ToLowerInvariant()}\"%";
        var linked = await db.DebtItems.FromSql($"SELECT * FROM debt_items WHERE lower(links) LIKE {pattern}")
            .Where(i => i.ExternalUrl == null)
            .Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .ToListAsync(ct);
        var matching = linked
            .Where(i => i.Links.Any(l => l.Kind == DebtLinkKind.GitHubIssue && string.Equals(l.Url.Trim(), url, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToList();
        return matching.Count == 0 ? (null, []) : (matching[0], matching.Skip(1).Select(i => $"'{i.Title}'").ToList());
    }

    private async Task<DebtMirrorResult> UpdateAsync(
        PortalDbContext db, Actor actor, MirroredIssue issue, DebtLink link, DebtItem item, DateTime now, IReadOnlyList<string>? adoptedOver, CancellationToken ct)
    {
        if (item.IsMirrored && item.IsOlderThanMirrored(issue.UpdatedAt))
        {
            // A search index that has not caught up with what a webhook already applied: applying it would go back in time.
            return DebtMirrorResult.Of(DebtMirrorChange.Unchanged, item.Id);
        }

        if (!item.IsMirrored && issue.FromSearch && item.GitHubIssueId == issue.Id && item.IsNoNewerThanMirrored(issue.UpdatedAt))
        {
            // Released by a live read (label removed) that the search index has not caught up with: mirroring it again from
            // the search would undo the release and overwrite what people changed since. A newer change to the issue does.
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored, item.Id);
        }

        var before = DebtCommands.Snapshot(item);
        var wasMirrored = item.IsMirrored;
        var formerUrl = item.ExternalUrl;
        var changed = item.StartMirroring(issue.Url, now, issue.Id);
        changed |= item.MirrorText(issue.ItemTitle, issue.ItemDescription, link, now);
        changed |= item.RecordAuthor(issue.AuthorLogin, issue.AuthorAssociation);
        if (!(issue.FromSearch && wasMirrored && !issue.Closed && !item.IsOpen && issue.UpdatedAt is { } at && at == item.MirroredUpdatedAt))
        {
            // Never reopened by a search answer as new as the closed state a live read (the webhook's) already applied.
            changed |= item.MirrorState(issue.Closed, issue.ClosedAsNotPlanned, issue.ClosedAt, scores.Today, now);
        }

        if (!changed)
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Unchanged, item.Id);
        }

        item.MarkMirrored(issue.UpdatedAt);
        await scores.ScoreAsync(db, item, ct);
        var after = JsonSerializer.SerializeToNode(DebtCommands.Snapshot(item), Json)!.AsObject();
        var problems = new List<string>();
        if (adoptedOver is not null)
        {
            after["adopted"] = $"the item already linked {issue.Reference}, so it follows the issue now instead of a new item being created";
            if (adoptedOver.Count > 0)
            {
                problems.Add($"possible duplicates: {string.Join(", ", adoptedOver)} also link this issue; the oldest linking item now follows it");
            }
        }
        else if (formerUrl is not null && !string.Equals(formerUrl, issue.Url, StringComparison.Ordinal))
        {
            after["moved"] = $"the issue moved from {formerUrl} (repository renamed, issue transferred or organisation renamed)";
        }

        AuditLog.Record(db, actor, adoptedOver is null ? UpdateAction : AdoptAction, DebtCommands.EntityType, item.Id.ToString(), before, after);
        await db.SaveChangesAsync(ct);
        return new DebtMirrorResult(DebtMirrorChange.Updated, item.Id, problems);
    }

    private async Task<DebtMirrorResult> CreateAsync(
        PortalDbContext db, Actor actor, MirroredIssue issue, DebtLink link, Guid? serviceId, DateTime now, CancellationToken ct)
    {
        var service = serviceId is { } id ? await db.Services.Include(s => s.OwnerTeam).FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        if (service is null)
        {
            return new DebtMirrorResult(DebtMirrorChange.Refused, null,
                [$"not added to the debt register: the repository {issue.Organization}/{issue.Repository} has no service in the catalog (not synced, left out by the sync's filters, or gone)"]);
        }

        var (seed, problems) = issue.LabelsMaySetAssessment ? DebtLabels.Read(issue.Labels) : DebtLabels.Read([]);
        if (!issue.LabelsMaySetAssessment && issue.Labels.Any(DebtLabels.IsConvention))
        {
            problems = [$"the issue's debt:… labels were not used (its author, {issue.AuthorAssociation ?? "unknown"}, is not an owner, member or collaborator); the defaults were used"];
        }

        var item = new DebtItem(issue.ItemTitle, seed.Signal, seed.Kind, seed.Quadrant, seed.Likelihood, seed.Impact, seed.EffortDays, actor.Name, now);
        item.StartMirroring(issue.Url, now, issue.Id);
        item.MarkMirrored(issue.UpdatedAt);
        item.MirrorText(issue.ItemTitle, issue.ItemDescription, link, now);
        item.RecordAuthor(issue.AuthorLogin, issue.AuthorAssociation);
        item.SetServices([service], now);
        item.AssignOwner(service.OwnerTeam, overridden: false, now);
        item.MirrorState(issue.Closed, issue.ClosedAsNotPlanned, issue.ClosedAt, scores.Today, now);
        db.DebtItems.Add(item);
        await scores.ScoreAsync(db, item, ct);
        AuditLog.Record(db, actor, CreateAction, DebtCommands.EntityType, item.Id.ToString(), null, DebtCommands.Snapshot(item));
        await db.SaveChangesAsync(ct);
        return new DebtMirrorResult(DebtMirrorChange.Created, item.Id, problems);
    }

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
        RetryAsync(() => TryReleaseAsync(actor, null, organization, repository, number, issueId, reason, liveUpdatedAt, ct));

    /// <summary>Stops mirroring into the item <paramref name="itemId"/> (the sync looked its issue up and knows which item it is).</summary>
    public Task<DebtMirrorResult> ReleaseItemAsync(Actor actor, Guid itemId, string reason, DateTime? liveUpdatedAt = null, CancellationToken ct = default) =>
        RetryAsync(() => TryReleaseAsync(actor, itemId, null, null, 0, null, reason, liveUpdatedAt, ct));

    private async Task<DebtMirrorResult> TryReleaseAsync(
        Actor actor, Guid? itemId, string? organization, string? repository, int number, long? issueId, string reason, DateTime? liveUpdatedAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .Where(i => i.Source == Common.DataSource.GitHub && i.ExternalUrl != null);
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
                item = await items.FirstOrDefaultAsync(i => i.GitHubIssueId == id, ct)
                    ?? await atAddress.Where(i => i.GitHubIssueId == null).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).FirstOrDefaultAsync(ct);
            }
            else
            {
                // GitHub no longer has the issue, so its id is unknown: of the items at its address, the open one that
                // followed it most recently (a closed item's address may be stale after a rename).
                item = (await atAddress.ToListAsync(ct))
                    .OrderByDescending(i => i.IsOpen).ThenByDescending(i => i.MirroredUpdatedAt).ThenByDescending(i => i.CreatedAt)
                    .FirstOrDefault();
            }
        }

        if (item is null)
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        item.MarkMirrored(liveUpdatedAt);
        Release(db, actor, item, reason);
        await db.SaveChangesAsync(ct);
        return DebtMirrorResult.Of(DebtMirrorChange.Released, item.Id);
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
            .Where(i => i.Source == Common.DataSource.GitHub && i.ExternalUrl != null && i.Status != DebtStatus.Done && i.Status != DebtStatus.WontFix)
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
            .Where(i => i.Source == Common.DataSource.GitHub && i.ExternalUrl != null)
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

    /// <summary>The organisation and repository of an issue's web address (<c>https://github.com/{org}/{repo}/issues/{n}</c>).</summary>
    public static (string Organization, string Repository)? IssueOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 4 && segments[^2] == "issues" ? (segments[^4], segments[^3]) : null;
    }

    /// <summary>Why an item following an issue of an archived repository is released.</summary>
    public static string ArchivedReason(string organization, string repository) =>
        $"the repository {organization}/{repository} is archived on GitHub, so its issue can no longer be closed there; the item is Portal's own now";

    private void Release(PortalDbContext db, Actor actor, DebtItem item, string reason)
    {
        var before = DebtCommands.Snapshot(item);
        item.StopMirroring(Now);
        var after = JsonSerializer.SerializeToNode(DebtCommands.Snapshot(item), Json)!.AsObject();
        after["released"] = reason;
        AuditLog.Record(db, actor, ReleaseAction, DebtCommands.EntityType, item.Id.ToString(), before, after);
    }
}
