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
public sealed partial class DebtMirrorCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    public const string CreateAction = "debt.github.create";
    public const string UpdateAction = "debt.github.update";
    public const string ReleaseAction = "debt.github.release";
    public const string AdoptAction = "debt.github.adopt";
    public const string ReleaseRefusedAction = "debt.github.release.refused";

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
                Release(db, actor, item, ArchivedReason(issue.Organization, issue.Repository), forGood: true);
                await db.SaveChangesAsync(ct);
                return DebtMirrorResult.Of(DebtMirrorChange.Released, item.Id);
            }

            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        if (item is { IsMirrored: false, MirrorStoppedAt: not null })
        {
            // An admin stopped this item following the issue, or its repository was archived: it stays Portal's own.
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
            var (adopted, others) = await AdoptableAsync(db, issue.Url, repository?.ServiceId, ct);
            if (adopted is not null)
            {
                return await UpdateAsync(db, actor, issue, link, adopted, now, others, ct);
            }

            var created = await CreateAsync(db, actor, issue, link, repository?.ServiceId, now, ct);
            return others.Count == 0 || created.Change != DebtMirrorChange.Created
                ? created
                : created with { Problems = [.. created.Problems, $"possible duplicates: {string.Join(", ", others)} also link this issue but were not adopted (closed, or not about the repository's service), so a new item follows it"] };
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
    /// Items people logged by hand that already link the issue (before it carried the label). The oldest that is still
    /// open and affects the repository's service (<paramref name="serviceId"/>) is adopted rather than a duplicate
    /// created; the others are named on the run as possible duplicates. A closed item is not adopted (its issue's state
    /// would reopen it and take its done effort out of a past quarter), nor another team's item about another service (a
    /// label on the issue would otherwise rewrite it).
    /// </summary>
    private static async Task<(DebtItem? Adopted, IReadOnlyList<string> Others)> AdoptableAsync(PortalDbContext db, string url, Guid? serviceId, CancellationToken ct)
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
        var adopted = matching.FirstOrDefault(i => i.IsOpen && serviceId is { } id && i.Services.Any(s => s.ServiceId == id));
        return (adopted, matching.Where(i => i != adopted).Select(i => $"'{i.Title}'").ToList());
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
        var after = JsonSerializer.SerializeToNode(DebtCommands.Snapshot(item, saved: true), Json)!.AsObject();
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
}
