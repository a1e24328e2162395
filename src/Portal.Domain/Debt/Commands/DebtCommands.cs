using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Changes to the debt register, with permissions, validation, concurrency and the audit log in one place. An editor
/// creates and changes only items whose affected services are all owned by their teams (naming their own team as the
/// owner does not make another team's service theirs); admins change anything; anyone signed in may add a report of
/// pain. Every change, and every refused attempt, is audited.
/// </summary>
public sealed partial class DebtCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    /// <summary>The audit log's entity type for debt items; the key is the item's id.</summary>
    public const string EntityType = "debt-item";

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>
    /// Creates an item. Unless <paramref name="allowDuplicate"/>, refuses with <see cref="DuplicateDebtException"/>
    /// when an item with the same title already affects one of the same services, or was already logged from the same
    /// finding (<see cref="DebtItemEdit.FindingKey"/>: two people accepting one suggestion at once).
    /// </summary>
    public async Task<(Guid Id, int Version)> CreateAsync(Actor actor, DebtItemEdit edit, bool allowDuplicate = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await StageCreateAsync(db, actor, edit, allowDuplicate, ct);
        await db.SaveChangesAsync(ct);
        return (item.Id, item.Version);
    }

    /// <summary>
    /// Checks, validates, scores and audits a new item in <paramref name="db"/> without saving it, so that a caller
    /// saves it in one <c>SaveChanges</c> with a change of its own (an action item that becomes this debt item). A
    /// refusal is audited (and saved) before it is thrown; the caller's unsaved changes are then dropped.
    /// </summary>
    internal async Task<DebtItem> StageCreateAsync(PortalDbContext db, Actor actor, DebtItemEdit edit, bool allowDuplicate, CancellationToken ct, DebtImportSource? imported = null)
    {
        var services = await ResolveServicesAsync(db, edit.Services, ct);
        var owner = await ResolveOwnerAsync(db, edit.OwnerTeam, services, ct);
        if (WhyNot(actor, services) is { } why)
        {
            await DenyAsync(db, actor, "debt.create.denied", edit.Title, null, why, ct);
            throw new ForbiddenException(why);
        }

        if (OwnerRefusal(actor, edit.OwnerTeam, owner, current: null) is { } ownerWhy)
        {
            await DenyAsync(db, actor, "debt.create.denied", edit.Title, null, ownerWhy, ct);
            throw new ForbiddenException(ownerWhy);
        }

        if (!allowDuplicate && await DuplicatesAsync(db, edit.Title, services, null, ct, edit.FindingKey) is { Count: > 0 } duplicates)
        {
            throw new DuplicateDebtException(duplicates);
        }

        var now = Now;
        var item = new DebtItem(edit.Title, edit.Signal, edit.Kind, edit.Quadrant, edit.Likelihood, edit.Impact, edit.EffortDays, actor.Name, now);
        item.Describe(edit.Title, edit.Description, now);
        Apply(item, edit, services, owner, now, creating: true);
        item.RecordFinding(edit.FindingKey, now);
        if (imported is not null)
        {
            item.RecordSource(DataSource.Import, null, now);
        }

        db.DebtItems.Add(item);
        await scores.ScoreAsync(db, item, ct);
        AuditLog.Record(db, actor, "debt.create", EntityType, item.Id.ToString(), null, imported is null ? Snapshot(item) : ImportedSnapshot(item, imported));
        return item;
    }

    /// <summary>
    /// Applies <paramref name="edit"/> if nobody saved the item since <paramref name="expectedVersion"/>; returns the new
    /// version. The status moves along the workflow (<see cref="DebtWorkflow"/>).
    /// </summary>
    public async Task<int> UpdateAsync(Actor actor, Guid id, DebtItemEdit edit, int expectedVersion, bool allowDuplicate = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadAsync(db, id, ct);
        var before = Snapshot(item);
        var services = await ResolveServicesAsync(db, edit.Services, ct);
        var owner = await ResolveOwnerAsync(db, edit.OwnerTeam, services, ct);

        // Both what the item affects now and what it would affect must be the editor's: nobody edits another team's
        // item, nor moves their own onto another team's services.
        if (WhyNot(actor, [.. item.Services.Select(s => s.Service), .. services], item.Title) is { } why)
        {
            await DenyAsync(db, actor, "debt.update.denied", item.Id.ToString(), before, why, ct);
            throw new ForbiddenException(why);
        }

        if (OwnerRefusal(actor, edit.OwnerTeam, owner, item) is { } ownerWhy)
        {
            await DenyAsync(db, actor, "debt.update.denied", item.Id.ToString(), before, ownerWhy, ct);
            throw new ForbiddenException(ownerWhy);
        }

        // Someone (the sync included) saved the item after this form was loaded: that is the conflict to show ("changed
        // meanwhile, reload"), not a refusal of fields the form only shows because they changed underneath it.
        if (item.IsMirrored && item.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException("Debt item", item.Title);
        }

        // What a mirrored item takes from its GitHub issue is changed on GitHub, never here: no edit fights the sync.
        if (item.SyncOwnedConflict(edit.Title, edit.Description, edit.Status, edit.Links.Select(l => l.Url)) is { } owned)
        {
            await DenyAsync(db, actor, "debt.update.denied", item.Id.ToString(), before, $"{owned.Field} {owned.Reason}", ct);
            throw new DomainValidationException(owned.Field, owned.Reason);
        }

        var renamedOrMoved = !string.Equals(item.Title, edit.Title.Trim(), StringComparison.OrdinalIgnoreCase)
            || !item.Services.Select(s => s.ServiceId).ToHashSet().SetEquals(services.Select(s => s.Id));
        if (!allowDuplicate && renamedOrMoved && await DuplicatesAsync(db, edit.Title, services, item.Id, ct) is { Count: > 0 } duplicates)
        {
            throw new DuplicateDebtException(duplicates);
        }

        var now = Now;
        item.Describe(edit.Title, edit.Description, now);
        item.Classify(edit.Signal, edit.Kind, edit.Quadrant, now);
        item.Assess(edit.Likelihood, edit.Impact, edit.EffortDays, now);
        Apply(item, edit, services, owner, now, creating: false);
        await scores.ScoreAsync(db, item, ct);
        db.Entry(item).Property(i => i.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, "debt.update", EntityType, item.Id.ToString(), before, Snapshot(item, saved: true));
        await SaveAsync(db, item, ct);
        return item.Version;
    }

    /// <summary>An imported item's snapshot with where it came from (<c>import.file</c>, <c>import.line</c>, <c>import.id</c> in its history).</summary>
    private static JsonObject ImportedSnapshot(DebtItem item, DebtImportSource imported)
    {
        var snapshot = JsonSerializer.SerializeToNode(Snapshot(item), AuditJson)!.AsObject();
        snapshot["import"] = JsonSerializer.SerializeToNode(imported, AuditJson);
        return snapshot;
    }

    /// <summary>
    /// What the audit keeps of an item. <paramref name="saved"/>: the snapshot is of an item about to be saved as modified,
    /// so it carries the version the save gives it (the save raises it by one), as the item's readers will see it.
    /// </summary>
    internal static object Snapshot(DebtItem i, bool saved = false) => new
    {
        i.Title,
        i.Description,
        Services = i.Services.Select(s => s.Service?.Ref ?? s.ServiceId.ToString()).Order(StringComparer.Ordinal).ToArray(),
        Owner = i.OwnerTeam?.Ref,
        i.OwnerOverridden,
        Signal = i.Signal.ToString(),
        Kind = i.Kind.ToString(),
        Quadrant = i.Quadrant.ToString(),
        i.Likelihood,
        i.Impact,
        i.EffortDays,
        i.InterestOverride,
        PayBackBy = i.PayBackBy?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Status = i.Status.ToString(),
        i.TargetQuarter,
        i.WontFixReason,
        RevisitOn = i.RevisitOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        i.BusinessOutcome,
        Links = i.Links.Select(l => l.Url).ToArray(),
        Mirrors = i.IsMirrored ? i.ExternalUrl : null,
        OpenedOnGitHubBy = i.GitHubAuthor is { } login ? $"@{login} ({i.GitHubAuthorAssociation ?? "relation unknown"})" : null,
        Version = saved ? i.Version + 1 : i.Version,
    };

    private void Apply(DebtItem item, DebtItemEdit edit, IReadOnlyList<Service> services, Team? owner, DateTime now, bool creating)
    {
        item.OverrideInterest(edit.InterestOverride, now);
        item.SetPayBackBy(edit.PayBackBy, now);
        item.SetBusinessOutcome(edit.BusinessOutcome, now);
        item.SetLinks(edit.Links, now);
        item.SetServices(services, now);
        item.AssignOwner(owner, overridden: !string.IsNullOrWhiteSpace(edit.OwnerTeam), now);

        Quarter? quarter = string.IsNullOrWhiteSpace(edit.TargetQuarter) ? null : Quarter.Parse(edit.TargetQuarter, "targetQuarter");
        if (edit.Status == DebtStatus.Planned)
        {
            item.SetTargetQuarter(quarter, now);
        }

        // A new item records where the debt stands (it may already be planned); a change follows the workflow.
        if (creating)
        {
            item.SetStatus(edit.Status, edit.WontFixReason, edit.RevisitOn, Today, now);
        }
        else
        {
            item.MoveTo(edit.Status, edit.WontFixReason, edit.RevisitOn, Today, now);
        }

        if (edit.Status != DebtStatus.Planned)
        {
            item.SetTargetQuarter(quarter, now);
        }
    }

    private static async Task<DebtItem> LoadAsync(PortalDbContext db, Guid id, CancellationToken ct) =>
        await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new NotFoundException("Debt item", id.ToString());

    private static async Task<List<Service>> ResolveServicesAsync(PortalDbContext db, IReadOnlyList<string> refs, CancellationToken ct)
    {
        var wanted = refs.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new DomainValidationException("services", "name at least one affected service");
        }

        if (wanted.Count > DebtItem.MaxServices)
        {
            throw new DomainValidationException("services", $"at most {DebtItem.MaxServices} services can be affected by one item");
        }

        var names = wanted.Select(r => EntityRef.Parse(r).Name).ToList();
        var found = await db.Services.Include(s => s.OwnerTeam).Where(s => names.Contains(s.Name)).ToListAsync(ct);
        var result = new List<Service>();
        foreach (var r in wanted)
        {
            result.Add(found.FirstOrDefault(s => s.Ref == r) ?? throw new DomainValidationException("services", $"there is no service called '{r}'"));
        }

        return result;
    }

    /// <summary>The chosen team, or the owner of the most critical service (then by name) that has an owner.</summary>
    private static async Task<Team?> ResolveOwnerAsync(PortalDbContext db, string? ownerRef, IReadOnlyList<Service> services, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(ownerRef))
        {
            var (ns, name) = EntityRef.Parse(ownerRef.Trim());
            return await db.Teams.FirstOrDefaultAsync(t => t.Namespace == ns && t.Name == name, ct)
                ?? throw new DomainValidationException("owner", $"there is no team called '{ownerRef}'");
        }

        return services.Where(s => s.OwnerTeam is not null).OrderBy(s => s.Tier).ThenBy(s => s.Ref, StringComparer.Ordinal).Select(s => s.OwnerTeam).FirstOrDefault();
    }

    /// <summary>Why <paramref name="actor"/> may not log or change debt on <paramref name="services"/>; null when they may.</summary>
    internal static string? WhyNot(Actor actor, IReadOnlyList<Service> services, string? title = null)
    {
        if (actor.IsAdmin)
        {
            return null;
        }

        if (actor.Role != PortalRole.Editor)
        {
            return "Viewers may add reports of pain but not log or change debt items; ask an editor of the owning team.";
        }

        var foreign = services.Where(s => !actor.CanEdit(s.OwnerTeamId)).Select(s => s.Ref).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count == 0)
        {
            return null;
        }

        var what = title is null ? "debt" : $"'{title}'";
        return $"{actor.DisplayName} may not change {what}: {string.Join(", ", foreign)} {(foreign.Count == 1 ? "is" : "are")} not owned by their teams. "
            + "Editors change debt only on services their teams own; ask that team or an admin.";
    }

    /// <summary>
    /// Why the owner override is refused: only admins make a team they are not in accountable. Keeping the owner an
    /// item already has (say, set by an admin) is not a change and is never refused.
    /// </summary>
    internal static string? OwnerRefusal(Actor actor, string? ownerRef, Team? owner, DebtItem? current)
    {
        if (actor.IsAdmin || string.IsNullOrWhiteSpace(ownerRef) || owner is null || actor.TeamIds.Contains(owner.Id))
        {
            return null;
        }

        var unchanged = current is { OwnerOverridden: true } && current.OwnerTeamId == owner.Id;
        return unchanged ? null : $"Only admins may make a team they are not in ('{owner.Ref}') accountable for an item.";
    }

    private static async Task<List<DebtItemRef>> DuplicatesAsync(
        PortalDbContext db, string title, IReadOnlyList<Service> services, Guid? except, CancellationToken ct, string? findingKey = null)
    {
        var t = (title ?? "").Trim().ToLowerInvariant();
        var ids = services.Select(s => s.Id).ToList();
        var finding = string.IsNullOrWhiteSpace(findingKey) ? null : findingKey.Trim();
        return await db.DebtItems.AsNoTracking()
            .Where(i => i.Id != except
                && ((i.Title.ToLower() == t && i.Services.Any(s => ids.Contains(s.ServiceId))) || (finding != null && i.FindingKey == finding)))
            .OrderBy(i => i.CreatedAt).Take(5)
            .Select(i => new DebtItemRef(i.Id, i.Title, i.Status))
            .ToListAsync(ct);
    }

    private static async Task DenyAsync(PortalDbContext db, Actor actor, string action, string key, object? before, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, EntityType, key, before, new { Refused = reason }, succeeded: false);
        await db.SaveChangesAsync(ct);
    }

    private static async Task SaveAsync(PortalDbContext db, DebtItem item, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Debt item", item.Title);
        }
    }

    private static DebtItemRef Ref(DebtItem i) => new(i.Id, i.Title, i.Status);
}
