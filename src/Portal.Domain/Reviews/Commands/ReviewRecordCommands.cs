using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Records what a review produces: findings, decisions and action items (only while the review is open, checked
/// again in the same transaction as the save, so nothing lands after closing began), and later, whether each action
/// item was done. Whoever runs the review records; changing or deleting a note or action item is for admins and the
/// editors of its team (<see cref="ReviewPermissions.MayChangeNote"/>, <see cref="ReviewPermissions.MayChangeActionItem"/>).
/// Checked, validated, audited (refusals too), version-checked.
/// </summary>
public sealed class ReviewRecordCommands(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string NoteType = "review-note";
    public const string ActionType = "review-action-item";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<Guid> AddNoteAsync(Actor actor, string quarter, NoteInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await OpenReviewAsync(db, actor, quarter, "reviews.note.add.denied", ct);
        var note = new ReviewNote(review.Id, input.Kind, input.Text, input.Signal, await TeamIdAsync(db, input.Team, "team", ct), actor.Name, actor.DisplayName, Now);
        db.ReviewNotes.Add(note);
        var key = $"{review.Quarter}/{note.Id}";
        AuditLog.Record(db, actor, "reviews.note.add", NoteType, key, null, Snapshot(note));
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.note.add.denied", NoteType, key, "Note", ct);
        return note.Id;
    }

    public async Task<int> EditNoteAsync(Actor actor, Guid noteId, NoteInput input, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var note = await db.ReviewNotes.FirstOrDefaultAsync(n => n.Id == noteId, ct) ?? throw new NotFoundException("Note", noteId.ToString());
        var review = await OpenReviewAsync(db, actor, note.ReviewId, "reviews.note.edit.denied", ct);
        var key = $"{review.Quarter}/{note.Id}";
        await RequireMayChangeAsync(db, actor, ReviewPermissions.MayChangeNote(actor, note.TeamId, note.CreatedBy), "reviews.note.edit.denied", NoteType, key, "this note: it is about another team", ct);
        var before = Snapshot(note);
        db.Entry(note).Property(n => n.Version).OriginalValue = expectedVersion;
        var teamId = await TeamIdAsync(db, input.Team, "team", ct);
        await RequireMayChangeAsync(db, actor, actor.IsAdmin || teamId is null || actor.TeamIds.Contains(teamId.Value), "reviews.note.edit.denied", NoteType, key,
            "a note to be about another team", ct);
        note.Edit(input.Text, input.Signal, teamId, Now);
        AuditLog.Record(db, actor, "reviews.note.edit", NoteType, key, before, Snapshot(note, saved: true));
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.note.edit.denied", NoteType, key, "Note", ct);
        return note.Version;
    }

    public async Task DeleteNoteAsync(Actor actor, Guid noteId, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var note = await db.ReviewNotes.FirstOrDefaultAsync(n => n.Id == noteId, ct) ?? throw new NotFoundException("Note", noteId.ToString());
        var review = await OpenReviewAsync(db, actor, note.ReviewId, "reviews.note.delete.denied", ct);
        var key = $"{review.Quarter}/{note.Id}";
        await RequireMayChangeAsync(db, actor, ReviewPermissions.MayChangeNote(actor, note.TeamId, note.CreatedBy), "reviews.note.delete.denied", NoteType, key, "this note: it is about another team", ct);
        db.Entry(note).Property(n => n.Version).OriginalValue = expectedVersion;
        db.ReviewNotes.Remove(note);
        AuditLog.Record(db, actor, "reviews.note.delete", NoteType, key, Snapshot(note), null);
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.note.delete.denied", NoteType, key, "Note", ct);
    }

    public async Task<Guid> AddActionItemAsync(Actor actor, string quarter, ActionItemInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await OpenReviewAsync(db, actor, quarter, "reviews.action.add.denied", ct);
        var item = new ActionItem(review.Id, await EditAsync(db, input, ct), Today, actor.Name, actor.DisplayName, Now);
        db.ActionItems.Add(item);
        var key = $"{review.Quarter}/{item.Id}";
        AuditLog.Record(db, actor, "reviews.action.add", ActionType, key, null, Snapshot(item));
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.action.add.denied", ActionType, key, "Action item", ct);
        return item.Id;
    }

    /// <summary>Changes what an action item says; only while its review is open.</summary>
    public async Task<int> EditActionItemAsync(Actor actor, Guid itemId, ActionItemInput input, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct) ?? throw new NotFoundException("Action item", itemId.ToString());
        var review = await OpenReviewAsync(db, actor, item.ReviewId, "reviews.action.edit.denied", ct);
        var key = $"{review.Quarter}/{item.Id}";
        await RequireMayChangeAsync(db, actor, ReviewPermissions.MayChangeActionItem(actor, item.OwnerTeamId), "reviews.action.edit.denied", ActionType, key,
            $"'{item.Title}': it belongs to another team", ct);
        var before = Snapshot(item);
        var edit = await EditAsync(db, input, ct);
        await RequireMayChangeAsync(db, actor, edit.OwnerTeamId is not { } newTeam || ReviewPermissions.MayChangeActionItem(actor, newTeam),
            "reviews.action.edit.denied", ActionType, key, $"the owner of '{item.Title}' to a team they are not in", ct);
        db.Entry(item).Property(a => a.Version).OriginalValue = expectedVersion;
        item.Edit(edit, Today, Now);
        AuditLog.Record(db, actor, "reviews.action.edit", ActionType, key, before, Snapshot(item, saved: true));
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.action.edit.denied", ActionType, key, "Action item", ct);
        return item.Version;
    }

    /// <summary>
    /// Deletes an action item recorded by mistake; only while its review is open, and not once it became a debt item or
    /// an initiative (those link back to it: drop it instead).
    /// </summary>
    public async Task DeleteActionItemAsync(Actor actor, Guid itemId, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct) ?? throw new NotFoundException("Action item", itemId.ToString());
        var review = await OpenReviewAsync(db, actor, item.ReviewId, "reviews.action.delete.denied", ct);
        var key = $"{review.Quarter}/{item.Id}";
        await RequireMayChangeAsync(db, actor, ReviewPermissions.MayChangeActionItem(actor, item.OwnerTeamId), "reviews.action.delete.denied", ActionType, key,
            $"'{item.Title}': it belongs to another team", ct);
        if (item.DebtItemId is not null || item.InitiativeId is not null)
        {
            throw new DomainValidationException(
                item.DebtItemId is not null ? "debtItem" : "initiative",
                $"'{item.Title}' became {(item.DebtItemId is not null ? "a debt item" : "an initiative")} that links back to it; drop it instead of deleting it");
        }

        db.Entry(item).Property(a => a.Version).OriginalValue = expectedVersion;
        db.ActionItems.Remove(item);
        AuditLog.Record(db, actor, "reviews.action.delete", ActionType, key, Snapshot(item), null);
        await ReviewCommands.SaveWhileOpenAsync(db, actor, review, "reviews.action.delete.denied", ActionType, key, "Action item", ct);
    }

    /// <summary>
    /// Marks an action item done, dropped (with a reason) or open again; allowed after the review closed too, since
    /// this is how the next review learns whether it was done. The closed review's record keeps what it was at close.
    /// </summary>
    public async Task<int> SetActionItemStatusAsync(Actor actor, Guid itemId, ActionItemStatus status, string? note, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct) ?? throw new NotFoundException("Action item", itemId.ToString());
        var review = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == item.ReviewId, ct);
        var key = $"{review.Quarter}/{item.Id}";
        var before = Snapshot(item);
        if (!ReviewPermissions.MayUpdateStatus(actor, item.OwnerTeamId))
        {
            db.ChangeTracker.Clear();
            AuditLog.Record(db, actor, "reviews.action.status.denied", ActionType, key, before, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not update this action item: admins and editors of its owner team may.");
        }

        db.Entry(item).Property(a => a.Version).OriginalValue = expectedVersion;
        switch (status)
        {
            case ActionItemStatus.Done: item.MarkDone(actor.Name, note, Today, Now); break;
            case ActionItemStatus.Dropped: item.Drop(actor.Name, note, Today, Now); break;
            case ActionItemStatus.Open: item.Reopen(actor.Name, Now); break;
            default: throw new DomainValidationException("status", $"'{status}' is not open, done or dropped");
        }

        AuditLog.Record(db, actor, "reviews.action.status", ActionType, key, before, Snapshot(item, saved: true));
        await ReviewCommands.SaveAsync(db, item.Id.ToString(), ct, "Action item");
        return item.Version;
    }

    private static async Task<Review> OpenReviewAsync(PortalDbContext db, Actor actor, string quarter, string deniedAction, CancellationToken ct)
    {
        var review = await ReviewCommands.FindAsync(db, quarter, ct);
        await ReviewCommands.RequireRunAsync(db, actor, review, deniedAction, ct);
        await ReviewCommands.RequireOpenAsync(db, actor, review, deniedAction, ReviewCommands.EntityType, review.Quarter, ct);
        return review;
    }

    private static async Task<Review> OpenReviewAsync(PortalDbContext db, Actor actor, Guid reviewId, string deniedAction, CancellationToken ct)
    {
        var review = await db.Reviews.FirstAsync(r => r.Id == reviewId, ct);
        await ReviewCommands.RequireRunAsync(db, actor, review, deniedAction, ct);
        await ReviewCommands.RequireOpenAsync(db, actor, review, deniedAction, ReviewCommands.EntityType, review.Quarter, ct);
        return review;
    }

    /// <summary>Refuses, audited, unless <paramref name="may"/>: "{actor} may not change {what}".</summary>
    private static async Task RequireMayChangeAsync(PortalDbContext db, Actor actor, bool may, string deniedAction, string type, string key, string what, CancellationToken ct)
    {
        if (may)
        {
            return;
        }

        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, deniedAction, type, key, null, new { Refused = "another team's record" }, succeeded: false);
        await db.SaveChangesAsync(ct);
        throw new ForbiddenException($"{actor.DisplayName} may not change {what}. Admins and editors of that team may.");
    }

    private static async Task<ActionItemEdit> EditAsync(PortalDbContext db, ActionItemInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.OwnerTeam))
        {
            throw new DomainValidationException("ownerTeam", "is required: choose the team that will do it");
        }

        var team = await TeamIdAsync(db, input.OwnerTeam, "ownerTeam", ct);
        Guid? service = null;
        if (!string.IsNullOrWhiteSpace(input.Service))
        {
            var (ns, name) = EntityRef.Parse(input.Service.Trim());
            service = await db.Services.AsNoTracking().Where(s => s.Namespace == ns && s.Name == name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainValidationException("service", $"there is no service '{input.Service.Trim()}'");
        }

        return new ActionItemEdit(input.Title, input.Description, team, input.DueOn, input.Signal, input.TargetLevel, service);
    }

    private static async Task<Guid?> TeamIdAsync(PortalDbContext db, string? teamRef, string field, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(teamRef))
        {
            return null;
        }

        var (ns, name) = EntityRef.Parse(teamRef.Trim());
        return await db.Teams.AsNoTracking().Where(t => t.Namespace == ns && t.Name == name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException(field, $"there is no team '{teamRef.Trim()}'");
    }

    // With saved, the version is the one the pending save gives the row (the context raises it as it saves), so an
    // audit entry's "after" is the state written, not the version it was read at.
    private static object Snapshot(ReviewNote n, bool saved = false) =>
        new { Kind = n.Kind.ToString(), n.Text, Signal = n.Signal?.ToString(), n.TeamId, Version = saved ? n.Version + 1 : n.Version };

    private static object Snapshot(ActionItem a, bool saved = false) => new
    {
        a.Title, a.Description, a.OwnerTeamId, a.DueOn, Signal = a.Signal?.ToString(), TargetLevel = a.TargetLevel?.ToString(), a.ServiceId,
        Status = a.Status.ToString(), a.StatusNote, a.ClosedOn, a.DebtItemId, a.InitiativeId, Version = saved ? a.Version + 1 : a.Version,
    };
}
