using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Changes to the debt register, with permissions, validation, concurrency and the audit log in one place. Editors
/// change items that touch a service their teams own (or that their team owns); admins change anything; anyone
/// signed in may add a report of pain. Every change, and every refused attempt, is audited.
/// </summary>
public sealed class DebtCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    /// <summary>The audit log's entity type for debt items; the key is the item's id.</summary>
    public const string EntityType = "debt-item";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>
    /// Creates an item. Unless <paramref name="allowDuplicate"/>, refuses with <see cref="DuplicateDebtException"/>
    /// when an item with the same title already affects one of the same services.
    /// </summary>
    public async Task<(Guid Id, int Version)> CreateAsync(Actor actor, DebtItemEdit edit, bool allowDuplicate = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = await ResolveServicesAsync(db, edit.Services, ct);
        var owner = await ResolveOwnerAsync(db, edit.OwnerTeam, services, ct);
        if (!MayChange(actor, services, owner))
        {
            await DenyAsync(db, actor, "debt.create.denied", edit.Title, null, ct);
            throw new ForbiddenException(actor.Role == PortalRole.Viewer
                ? "Viewers may add reports of pain but not log debt items; ask an editor of the owning team."
                : $"{actor.DisplayName} may log debt only for services their teams own.");
        }

        RequireOwnTeam(actor, edit.OwnerTeam, owner);
        if (!allowDuplicate && await DuplicatesAsync(db, edit.Title, services, null, ct) is { Count: > 0 } duplicates)
        {
            throw new DuplicateDebtException(duplicates);
        }

        var now = Now;
        var item = new DebtItem(edit.Title, edit.Signal, edit.Kind, edit.Quadrant, edit.Likelihood, edit.Impact, edit.EffortDays, actor.Name, now);
        item.Describe(edit.Title, edit.Description, now);
        Apply(item, edit, services, owner, now);
        item.RecordFinding(edit.FindingKey, now);
        db.DebtItems.Add(item);
        await scores.ScoreAsync(db, item, ct);
        AuditLog.Record(db, actor, "debt.create", EntityType, item.Id.ToString(), null, Snapshot(item));
        await db.SaveChangesAsync(ct);
        return (item.Id, item.Version);
    }

    /// <summary>Applies <paramref name="edit"/> if nobody saved the item since <paramref name="expectedVersion"/>; returns the new version.</summary>
    public async Task<int> UpdateAsync(Actor actor, Guid id, DebtItemEdit edit, int expectedVersion, bool allowDuplicate = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await LoadAsync(db, id, ct);
        var before = Snapshot(item);
        var services = await ResolveServicesAsync(db, edit.Services, ct);
        var owner = await ResolveOwnerAsync(db, edit.OwnerTeam, services, ct);
        if (!MayChange(actor, [.. item.Services.Select(s => s.Service)], item.OwnerTeam) || !MayChange(actor, services, owner))
        {
            await DenyAsync(db, actor, "debt.update.denied", item.Id.ToString(), before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not change '{item.Title}': only editors of the teams owning its services, and admins, may.");
        }

        RequireOwnTeam(actor, edit.OwnerTeam, owner);
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
        Apply(item, edit, services, owner, now);
        await scores.ScoreAsync(db, item, ct);
        db.Entry(item).Property(i => i.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, "debt.update", EntityType, item.Id.ToString(), before, Snapshot(item));
        await SaveAsync(db, item, ct);
        return item.Version;
    }

    /// <summary>
    /// Moves several items to one status. Items the actor may not change, or that cannot take the status (Planned
    /// without a quarter, Won't fix without a reason), are left alone and listed with why; the rest change together.
    /// </summary>
    public async Task<DebtBulkResult> SetStatusAsync(Actor actor, IReadOnlyCollection<Guid> ids, DebtStatusChange change, CancellationToken ct = default)
    {
        if (ids.Count is 0 or > 500)
        {
            throw new DomainValidationException("ids", "choose between 1 and 500 items");
        }

        Quarter? quarter = string.IsNullOrWhiteSpace(change.TargetQuarter) ? null : Quarter.Parse(change.TargetQuarter, "targetQuarter");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var (changed, refused) = (new List<DebtItemRef>(), new List<(DebtItemRef, string)>());
        var now = Now;
        foreach (var item in items.OrderByDescending(i => i.Priority))
        {
            var before = Snapshot(item);
            if (!MayChange(actor, [.. item.Services.Select(s => s.Service)], item.OwnerTeam))
            {
                AuditLog.Record(db, actor, "debt.status.denied", EntityType, item.Id.ToString(), before, null, succeeded: false);
                refused.Add((Ref(item), "not yours to change"));
                continue;
            }

            try
            {
                if (quarter is not null || change.Status == DebtStatus.Planned)
                {
                    item.SetTargetQuarter(quarter ?? (item.TargetQuarter is { } q ? Quarter.Parse(q) : null), now);
                }

                item.SetStatus(change.Status, change.WontFixReason, change.RevisitOn, Today, now);
            }
            catch (DomainValidationException ex)
            {
                db.Entry(item).State = EntityState.Unchanged;
                refused.Add((Ref(item), $"{ex.Field} {ex.Reason}"));
                continue;
            }

            AuditLog.Record(db, actor, "debt.status", EntityType, item.Id.ToString(), before, Snapshot(item));
            changed.Add(Ref(item));
        }

        refused.AddRange(ids.Except(items.Select(i => i.Id)).Select(id => (new DebtItemRef(id, id.ToString(), DebtStatus.Proposed), "no such item")));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Debt items", "selection");
        }

        return new DebtBulkResult(changed, refused);
    }

    /// <summary>Adds a report of pain; anyone signed in may. The item's interest and scores follow at once.</summary>
    public async Task<Guid> AddReportAsync(Actor actor, Guid itemId, NewDebtReport report, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.DebtItems.AsNoTracking().Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundException("Debt item", itemId.ToString());
        var now = Now;
        var row = new DebtReport(item.Id, report.OccurredOn, report.Hours, report.Note, report.Incident, actor.Name, actor.DisplayName, Today, now);
        db.DebtReports.Add(row);
        var score = (await scores.ExplainManyAsync(db, [item], ct))[item.Id].Values;
        AuditLog.Record(db, actor, "debt.report", EntityType, item.Id.ToString(), null,
            new { Report = new { OccurredOn = row.OccurredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.Hours, row.Note, row.Incident }, InterestHoursPerMonth = score.InterestHoursPerMonth });

        // The report and the item's new numbers commit together; the numbers are derived, so the item's version stays.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.SaveChangesAsync(token);
            await db.DebtItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(
                u => u.SetProperty(i => i.InterestHoursPerMonth, score.InterestHoursPerMonth)
                    .SetProperty(i => i.CostOfDelay, score.CostOfDelay)
                    .SetProperty(i => i.Priority, score.Priority)
                    .SetProperty(i => i.ScoredAt, now),
                token);
            await transaction.CommitAsync(token);
        }, ct);
        return row.Id;
    }

    internal static object Snapshot(DebtItem i) => new
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
        i.Version,
    };

    private void Apply(DebtItem item, DebtItemEdit edit, IReadOnlyList<Service> services, Team? owner, DateTime now)
    {
        item.OverrideInterest(edit.InterestOverride, now);
        item.SetPayBackBy(edit.PayBackBy, now);
        item.SetBusinessOutcome(edit.BusinessOutcome, now);
        item.SetLinks(edit.Links, now);
        item.SetServices(services, now);
        item.AssignOwner(owner, overridden: !string.IsNullOrWhiteSpace(edit.OwnerTeam), now);

        Quarter? quarter = string.IsNullOrWhiteSpace(edit.TargetQuarter) ? null : Quarter.Parse(edit.TargetQuarter, "targetQuarter");
        var statusUnchanged = item.Status == edit.Status && item.WontFixReason == edit.WontFixReason?.Trim() && item.RevisitOn == edit.RevisitOn;
        if (edit.Status == DebtStatus.Planned)
        {
            item.SetTargetQuarter(quarter, now);
        }

        // Re-saving a Won't-fix item whose revisit date has passed must not fail on that date.
        if (!(statusUnchanged && edit.Status == DebtStatus.WontFix))
        {
            item.SetStatus(edit.Status, edit.WontFixReason, edit.RevisitOn, Today, now);
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

    private static bool MayChange(Actor actor, IReadOnlyList<Service> services, Team? owner) =>
        actor.IsAdmin || (actor.Role == PortalRole.Editor && ((owner is not null && actor.CanEdit(owner.Id)) || services.Any(s => actor.CanEdit(s.OwnerTeamId))));

    private static void RequireOwnTeam(Actor actor, string? ownerRef, Team? owner)
    {
        if (!actor.IsAdmin && !string.IsNullOrWhiteSpace(ownerRef) && owner is not null && !actor.TeamIds.Contains(owner.Id))
        {
            throw new ForbiddenException($"Only admins may make a team they are not in ('{owner.Ref}') accountable for an item.");
        }
    }

    private static async Task<List<DebtItemRef>> DuplicatesAsync(PortalDbContext db, string title, IReadOnlyList<Service> services, Guid? except, CancellationToken ct)
    {
        var t = (title ?? "").Trim().ToLowerInvariant();
        var ids = services.Select(s => s.Id).ToList();
        return await db.DebtItems.AsNoTracking()
            .Where(i => i.Title.ToLower() == t && i.Id != except && i.Services.Any(s => ids.Contains(s.ServiceId)))
            .OrderBy(i => i.CreatedAt).Take(5)
            .Select(i => new DebtItemRef(i.Id, i.Title, i.Status))
            .ToListAsync(ct);
    }

    private static async Task DenyAsync(PortalDbContext db, Actor actor, string action, string key, object? before, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, EntityType, key, before, null, succeeded: false);
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
