using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Turns an action item into a debt item in one step and one save: checks the action item may still become one (its
/// review open, nobody changed it since the person saw it, not a debt item already), stages the debt item through
/// the register's own checks (its permissions, validation, duplicate check and audit) with a link and finding key
/// pointing back, and remembers the debt item on the action item; both are saved together, with the action item's
/// version as the original value, so a double submit logs one debt item and a failure logs none.
/// </summary>
public sealed class ActionItemDebtCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtCommands debts, TimeProvider clock)
{
    /// <summary>Creates the debt item described by <paramref name="edit"/> for action item <paramref name="itemId"/>; returns its id.</summary>
    /// <param name="actor">Who does it: whoever may update the action item, and may log debt for the services named.</param>
    /// <param name="itemId">The action item.</param>
    /// <param name="edit">The debt item, usually <see cref="ActionItemDebtDraft.For"/> as the person completed it.</param>
    /// <param name="expectedVersion">The action item's version the person saw.</param>
    /// <param name="allowDuplicate">Log it even when an item with the same title affects the same service.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<Guid> CreateDebtItemAsync(Actor actor, Guid itemId, DebtItemEdit edit, int expectedVersion, bool allowDuplicate = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (item, review) = await LoadAsync(db, itemId, ct);
        var key = $"{review.Quarter}/{item.Id}";
        if (!ReviewPermissions.MayUpdateStatus(actor, item.OwnerTeamId))
        {
            db.ChangeTracker.Clear();
            AuditLog.Record(db, actor, DeniedAction, ReviewRecordCommands.ActionType, key, null, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not turn this action item into a debt item: admins and editors of its owner team may.");
        }

        await ReviewCommands.RequireOpenAsync(db, actor, review, DeniedAction, ReviewRecordCommands.ActionType, key, ct);
        if (item.DebtItemId is not null)
        {
            throw AlreadyADebtItem();
        }

        if (item.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException("Action item", item.Id.ToString());
        }

        var debt = await debts.StageCreateAsync(db, actor, edit with { FindingKey = ActionItemDebtDraft.FindingKey(itemId) }, allowDuplicate, ct);
        item.LinkDebtItem(debt.Id, clock.GetUtcNow().UtcDateTime);
        db.Entry(item).Property(a => a.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, "reviews.action.debt", ReviewRecordCommands.ActionType, key, new { DebtItemId = (Guid?)null }, new { DebtItemId = debt.Id });
        try
        {
            await ReviewCommands.SaveWhileOpenAsync(db, actor, review, DeniedAction, ReviewRecordCommands.ActionType, key, "Action item", ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Nothing was saved. Most often the same conversion submitted twice: say so rather than "changed by someone".
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (await again.ActionItems.AsNoTracking().AnyAsync(a => a.Id == itemId && a.DebtItemId != null, ct))
            {
                throw AlreadyADebtItem();
            }

            throw;
        }

        return debt.Id;
    }

    private const string DeniedAction = "reviews.action.debt.denied";

    private static DomainValidationException AlreadyADebtItem() =>
        new("debtItem", "this action item is already a debt item (it may have been logged a moment ago); nothing more was logged");

    /// <summary>
    /// The debt item a person starts from: <see cref="ActionItemDebtDraft.For"/>, naming the owner team's services (most
    /// critical first) when the action item is about all of them.
    /// </summary>
    public async Task<DebtItemEdit> DraftAsync(ActionItemDto item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Service is not null || string.IsNullOrWhiteSpace(item.Team))
        {
            return ActionItemDebtDraft.For(item);
        }

        var (ns, name) = EntityRef.Parse(item.Team);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = await db.Services.AsNoTracking()
            .Where(s => s.OwnerTeam != null && s.OwnerTeam.Namespace == ns && s.OwnerTeam.Name == name)
            .OrderBy(s => s.Tier).ThenBy(s => s.Name).Take(DebtItem.MaxServices)
            .Select(s => new { s.Namespace, s.Name }).ToListAsync(ct);
        return ActionItemDebtDraft.For(item, [.. services.Select(s => EntityRef.Format(s.Namespace, s.Name))]);
    }

    private static async Task<(ActionItem Item, Review Review)> LoadAsync(PortalDbContext db, Guid itemId, CancellationToken ct)
    {
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct) ?? throw new NotFoundException("Action item", itemId.ToString());
        var review = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == item.ReviewId, ct);
        return (item, review);
    }
}
