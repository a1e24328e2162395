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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates or updates the item mirroring <paramref name="issue"/>. A new item affects the service of the issue's
    /// repository (refused, with why, when the catalog has none) and is assessed from defaults and the issue's labels
    /// (<see cref="DebtLabels"/>). Issues of archived repositories are ignored. An item saved by a person meanwhile is
    /// read again and the issue applied once more, so neither change is lost.
    /// </summary>
    public async Task<DebtMirrorResult> MirrorAsync(Actor actor, MirroredIssue issue, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryMirrorAsync(actor, issue, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // Someone saved the item between our read and write: read it again and apply the issue to their version.
            }
        }
    }

    private async Task<DebtMirrorResult> TryMirrorAsync(Actor actor, MirroredIssue issue, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repository = await db.GitHubRepositories.AsNoTracking()
            .Where(r => r.Organization == issue.Organization && r.Name == issue.Repository && !r.IsGone)
            .Select(r => new { r.IsArchived, r.ServiceId })
            .FirstOrDefaultAsync(ct);
        if (repository is { IsArchived: true })
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        var item = await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.ExternalUrl == issue.Url, ct);
        var now = Now;
        var link = new DebtLink(DebtLinkKind.GitHubIssue, issue.Url, issue.Reference);
        if (item is null)
        {
            return await CreateAsync(db, actor, issue, link, repository?.ServiceId, now, ct);
        }

        var before = DebtCommands.Snapshot(item);
        var changed = item.StartMirroring(issue.Url, now);
        changed |= item.MirrorText(issue.ItemTitle, issue.ItemDescription, link, now);
        changed |= item.MirrorState(issue.Closed, issue.ClosedAsNotPlanned, issue.ClosedAt, scores.Today, now);
        if (!changed)
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Unchanged, item.Id);
        }

        await scores.ScoreAsync(db, item, ct);
        AuditLog.Record(db, actor, UpdateAction, DebtCommands.EntityType, item.Id.ToString(), before, DebtCommands.Snapshot(item));
        await db.SaveChangesAsync(ct);
        return DebtMirrorResult.Of(DebtMirrorChange.Updated, item.Id);
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

        var (seed, problems) = DebtLabels.Read(issue.Labels);
        var item = new DebtItem(issue.ItemTitle, seed.Signal, seed.Kind, seed.Quadrant, seed.Likelihood, seed.Impact, seed.EffortDays, actor.Name, now);
        item.StartMirroring(issue.Url, now);
        item.MirrorText(issue.ItemTitle, issue.ItemDescription, link, now);
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
    /// moved away): the item stays, with its status and its link, as Portal's own. Ignored when no item mirrors it.
    /// </summary>
    public async Task<DebtMirrorResult> ReleaseAsync(Actor actor, string organization, string repository, int number, string reason, CancellationToken ct = default)
    {
        var suffix = $"/{organization}/{repository}/issues/{number}".ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Source == Common.DataSource.GitHub && i.ExternalUrl != null && i.ExternalUrl.ToLower().EndsWith(suffix), ct);
        if (item is null)
        {
            return DebtMirrorResult.Of(DebtMirrorChange.Ignored);
        }

        Release(db, actor, item, reason);
        await db.SaveChangesAsync(ct);
        return DebtMirrorResult.Of(DebtMirrorChange.Released, item.Id);
    }

    /// <summary>
    /// After a complete search of <paramref name="organization"/>: every item still mirroring an issue of it that the
    /// search did not find (<paramref name="found"/>: the URLs it did) is released, except issues of archived
    /// repositories, which are left as they are. Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseMissingAsync(Actor actor, string organization, IReadOnlySet<string> found, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mirrored = await db.DebtItems.AsNoTracking()
            .Where(i => i.Source == Common.DataSource.GitHub && i.ExternalUrl != null)
            .Select(i => new { i.Id, Url = i.ExternalUrl! })
            .ToListAsync(ct);
        var archived = (await db.GitHubRepositories.AsNoTracking().Where(r => r.Organization == organization && r.IsArchived).Select(r => r.Name).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = mirrored
            .Where(i => !found.Contains(i.Url) && IssueOf(i.Url) is { } at
                && string.Equals(at.Organization, organization, StringComparison.OrdinalIgnoreCase) && !archived.Contains(at.Repository))
            .Select(i => i.Id)
            .ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var items = await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).AsSplitQuery()
            .Where(i => missing.Contains(i.Id)).ToListAsync(ct);
        foreach (var item in items)
        {
            Release(db, actor, item, reason);
        }

        await db.SaveChangesAsync(ct);
        return items.Count;
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

    private void Release(PortalDbContext db, Actor actor, DebtItem item, string reason)
    {
        var before = DebtCommands.Snapshot(item);
        item.StopMirroring(Now);
        var after = JsonSerializer.SerializeToNode(DebtCommands.Snapshot(item), Json)!.AsObject();
        after["released"] = reason;
        AuditLog.Record(db, actor, ReleaseAction, DebtCommands.EntityType, item.Id.ToString(), before, after);
    }
}
