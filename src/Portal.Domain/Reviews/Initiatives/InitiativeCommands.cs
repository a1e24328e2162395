using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>
/// Creates initiatives (optionally grown out of a review's action item, linked in the same save), changes them and
/// sets their status. Admins and editors of the owner team may (<see cref="MayChange"/>); every write is validated
/// through the entity, audited (refusals too) and version-checked.
/// </summary>
public sealed class InitiativeCommands(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string EntityType = "initiative";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Whether <paramref name="actor"/> may create or change an initiative owned by <paramref name="ownerTeamId"/>: admins and editors of that team.</summary>
    public static bool MayChange(Actor actor, Guid? ownerTeamId) => actor.CanEdit(ownerTeamId);

    /// <summary>
    /// Whether <paramref name="actor"/> may set an initiative's scope to <paramref name="scopeTeamIds"/>: the rule for
    /// creating a review's scope (<see cref="ReviewPermissions.MayCreate"/>), since an initiative shows in every review
    /// it touches — admins any scope; editors only teams they are editors of, and an organisation-wide one needs an admin.
    /// </summary>
    public static bool MayScope(Actor actor, IReadOnlyCollection<Guid> scopeTeamIds) => ReviewPermissions.MayCreate(actor, scopeTeamIds);

    /// <summary>
    /// Creates an initiative; with <paramref name="fromActionItemId"/>, the action item it grows out of links to it in
    /// the same save (refused when the item already grew into one, or changed since <paramref name="actionItemVersion"/>).
    /// Growing is allowed after the item's review closed: the closed review's record keeps what the item was at close.
    /// </summary>
    public async Task<Guid> CreateAsync(Actor actor, InitiativeInput input, Guid? fromActionItemId = null, int? actionItemVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edit = await EditAsync(db, input, ct);
        ActionItem? item = null;
        if (fromActionItemId is { } itemId)
        {
            item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct)
                ?? throw new DomainValidationException("fromActionItem", $"there is no action item '{itemId}'");
            if (!ReviewPermissions.MayUpdateStatus(actor, item.OwnerTeamId))
            {
                await DenyAsync(db, actor, "initiatives.create.denied", itemId.ToString(), new { FromActionItem = itemId }, ct);
                throw new ForbiddenException($"{actor.DisplayName} may not grow this action item into an initiative: admins and editors of its owner team may.");
            }

            if (item.InitiativeId is not null)
            {
                throw AlreadyGrown();
            }

            // A dropped item is a decision not to do it: growing it would track work nobody committed to.
            if (item.Status == ActionItemStatus.Dropped)
            {
                await DenyAsync(db, actor, "initiatives.create.denied", itemId.ToString(), new { FromActionItem = itemId, Refused = "action item dropped" }, ct);
                throw new DomainValidationException(
                    "fromActionItem", $"'{item.Title}' was dropped from its review{(string.IsNullOrWhiteSpace(item.StatusNote) ? "" : $" ({item.StatusNote})")}; reopen it before growing it into an initiative");
            }

            if (actionItemVersion is { } v && v != item.Version)
            {
                throw new ConcurrencyConflictException("Action item", item.Id.ToString());
            }
        }

        if (!MayChange(actor, edit.OwnerTeamId))
        {
            await DenyAsync(db, actor, "initiatives.create.denied", "new", new { Title = TextCut.Shorten(input.Title ?? "", 300), input.OwnerTeam }, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not create an initiative owned by {input.OwnerTeam}: admins and editors of that team may.");
        }

        if (!MayScope(actor, edit.ScopeTeamIds ?? []))
        {
            await DenyAsync(db, actor, "initiatives.create.denied", "new", new { Title = TextCut.Shorten(input.Title ?? "", 300), input.Teams }, ct);
            throw ScopeRefused(actor);
        }

        var initiative = new Initiative(edit, fromActionItemId, Today, actor.Name, actor.DisplayName, Now);
        db.Initiatives.Add(initiative);
        AuditLog.Record(db, actor, "initiatives.create", EntityType, initiative.Id.ToString(), null, Snapshot(initiative));
        if (item is not null)
        {
            db.Entry(item).Property(a => a.Version).OriginalValue = item.Version;
            item.LinkInitiative(initiative.Id, Now);
            AuditLog.Record(db, actor, "reviews.action.initiative", ReviewRecordCommands.ActionType, item.Id.ToString(),
                new { InitiativeId = (Guid?)null, item.Version }, new { InitiativeId = initiative.Id, Version = item.Version + 1 });
        }

        try
        {
            await ReviewCommands.SaveAsync(db, item?.Id.ToString() ?? initiative.Id.ToString(), ct, item is null ? "Initiative" : "Action item");
        }
        catch (ConcurrencyConflictException) when (item is not null)
        {
            // Nothing was saved; most often the same grow submitted twice.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (await again.ActionItems.AsNoTracking().AnyAsync(a => a.Id == item.Id && a.InitiativeId != null, ct))
            {
                throw AlreadyGrown();
            }

            throw;
        }

        return initiative.Id;
    }

    /// <summary>Changes what an initiative says; returns its new version.</summary>
    public async Task<int> UpdateAsync(Actor actor, Guid id, InitiativeInput input, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var initiative = await FindAsync(db, id, ct);
        var before = Snapshot(initiative);
        await RequireMayChangeAsync(db, actor, initiative, "initiatives.update.denied", ct);
        var edit = await EditAsync(db, input, ct);
        if (!MayChange(actor, edit.OwnerTeamId))
        {
            await DenyAsync(db, actor, "initiatives.update.denied", initiative.Id.ToString(), before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not hand '{initiative.Title}' to a team they are not an editor of.");
        }

        // A scope someone else set (an admin's organisation-wide one, say) stays editable in other respects.
        var scope = edit.ScopeTeamIds ?? [];
        if (!scope.ToHashSet().SetEquals(initiative.ScopeTeamIds) && !MayScope(actor, scope))
        {
            await DenyAsync(db, actor, "initiatives.update.denied", initiative.Id.ToString(), before, ct);
            throw ScopeRefused(actor);
        }

        db.Entry(initiative).Property(i => i.Version).OriginalValue = expectedVersion;
        initiative.Edit(edit, Today, Now);
        AuditLog.Record(db, actor, "initiatives.update", EntityType, initiative.Id.ToString(), before, Snapshot(initiative, saved: true));
        await ReviewCommands.SaveAsync(db, initiative.Id.ToString(), ct, "Initiative");
        return initiative.Version;
    }

    /// <summary>Marks an initiative active, completed or cancelled; returns its new version.</summary>
    public async Task<int> SetStatusAsync(Actor actor, Guid id, InitiativeStatus status, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var initiative = await FindAsync(db, id, ct);
        var before = Snapshot(initiative);
        await RequireMayChangeAsync(db, actor, initiative, "initiatives.status.denied", ct);
        db.Entry(initiative).Property(i => i.Version).OriginalValue = expectedVersion;
        initiative.SetStatus(status, Now);
        AuditLog.Record(db, actor, "initiatives.status", EntityType, initiative.Id.ToString(), before, Snapshot(initiative, saved: true));
        await ReviewCommands.SaveAsync(db, initiative.Id.ToString(), ct, "Initiative");
        return initiative.Version;
    }

    private static async Task<Initiative> FindAsync(PortalDbContext db, Guid id, CancellationToken ct) =>
        await db.Initiatives.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("Initiative", id.ToString());

    private static async Task RequireMayChangeAsync(PortalDbContext db, Actor actor, Initiative initiative, string deniedAction, CancellationToken ct)
    {
        if (!MayChange(actor, initiative.OwnerTeamId))
        {
            await DenyAsync(db, actor, deniedAction, initiative.Id.ToString(), Snapshot(initiative), ct);
            throw new ForbiddenException($"{actor.DisplayName} may not change '{initiative.Title}': admins and editors of its owner team may.");
        }
    }

    private static async Task DenyAsync(PortalDbContext db, Actor actor, string action, string key, object? before, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, EntityType, key, before, null, succeeded: false);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<InitiativeEdit> EditAsync(PortalDbContext db, InitiativeInput input, CancellationToken ct)
    {
        var teams = await ReviewData.TeamsAsync(db, ct);
        var byRef = teams.Values.ToDictionary(t => t.Ref, StringComparer.OrdinalIgnoreCase);
        Guid? owner = null;
        if (!string.IsNullOrWhiteSpace(input.OwnerTeam))
        {
            owner = byRef.TryGetValue(input.OwnerTeam.Trim(), out var team) ? team.Id
                : throw new DomainValidationException("ownerTeam", $"there is no team '{input.OwnerTeam.Trim()}'");
        }

        var scope = new List<Guid>();
        foreach (var r in (input.Teams ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()))
        {
            scope.Add(byRef.TryGetValue(r, out var team) ? team.Id : throw new DomainValidationException("teams", $"there is no team '{r}'"));
        }

        return new InitiativeEdit(input.Title, input.Description, input.Signal, input.TargetLevel, scope, input.MaxTier, owner, input.StartsOn, input.DueOn);
    }

    private static ForbiddenException ScopeRefused(Actor actor) =>
        new($"{actor.DisplayName} may scope an initiative only to teams they are an editor of (and their sub-teams); an organisation-wide initiative, or one over other teams, needs an admin.");

    private static DomainValidationException AlreadyGrown() =>
        new("fromActionItem", "this action item already grew into an initiative (it may have been created a moment ago); nothing more was created");

    /// <summary>
    /// What the audit log keeps of an initiative. With <paramref name="saved"/>, the version is the one the pending save
    /// gives it (the context raises the version of every modified row as it saves), so "after" is the state written.
    /// </summary>
    private static object Snapshot(Initiative i, bool saved = false) => new
    {
        i.Title, i.Description, Signal = i.Signal.ToString(), TargetLevel = i.TargetLevel.ToString(), Teams = i.ScopeTeamIds, i.MaxTier,
        i.OwnerTeamId, i.StartsOn, i.DueOn, Status = i.Status.ToString(), i.FromActionItemId, Version = saved ? i.Version + 1 : i.Version,
    };
}
