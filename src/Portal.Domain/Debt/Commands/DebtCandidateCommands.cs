using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Dismissing a suggested debt item with a reason, and taking a dismissal back. Editors of a team the candidate
/// touches, and admins, may; every dismissal, restore and refusal is audited. Accepting a candidate is
/// <see cref="DebtCommands.CreateAsync"/> with the candidate's key in <see cref="DebtItemEdit.FindingKey"/>.
/// </summary>
public sealed class DebtCandidateCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtCandidateQueries candidates, TimeProvider clock)
{
    /// <summary>The audit log's entity type for candidates; the key is the finding's key.</summary>
    public const string EntityType = "debt-candidate";

    /// <summary>Dismisses the open candidate <paramref name="key"/>: it leaves the list of candidates.</summary>
    public async Task DismissAsync(Actor actor, string key, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var candidate = await candidates.FindAsync(key ?? "", ct)
            ?? throw new NotFoundException("Debt candidate", key ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await MayDecideAsync(db, actor, candidate.Teams, ct))
        {
            AuditLog.Record(db, actor, "debt.candidate.dismiss.denied", EntityType, candidate.Key, null, new { candidate.Title }, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not dismiss '{candidate.Title}': editors of {Teams(candidate.Teams)}, and admins, may.");
        }

        var row = new DebtCandidateDismissal(candidate.Key, candidate.Title, reason, actor.Name, actor.DisplayName, clock.GetUtcNow().UtcDateTime);
        db.DebtCandidateDismissals.Add(row);
        AuditLog.Record(db, actor, "debt.candidate.dismiss", EntityType, candidate.Key, null, new { candidate.Title, Reason = row.Reason });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone dismissed it a moment ago (the key is unique): theirs stands.
            throw new ConcurrencyConflictException("Debt candidate", candidate.Key);
        }
    }

    /// <summary>Takes back a dismissal, so the finding is suggested again (if it still exists).</summary>
    public async Task RestoreAsync(Actor actor, string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DebtCandidateDismissals.FirstOrDefaultAsync(d => d.FindingKey == key, ct)
            ?? throw new NotFoundException("Dismissed debt candidate", key ?? "");
        if (actor.Role == PortalRole.Viewer || (!actor.IsAdmin && !actor.Is(row.DismissedBy)))
        {
            AuditLog.Record(db, actor, "debt.candidate.restore.denied", EntityType, row.FindingKey, new { row.Title, row.Reason }, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException("Only the person who dismissed a suggestion, and admins, may bring it back.");
        }

        db.DebtCandidateDismissals.Remove(row);
        AuditLog.Record(db, actor, "debt.candidate.restore", EntityType, row.FindingKey, new { row.Title, row.Reason, row.DismissedBy }, null);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<bool> MayDecideAsync(PortalDbContext db, Actor actor, IReadOnlyList<string> teams, CancellationToken ct)
    {
        if (actor.IsAdmin)
        {
            return true;
        }

        if (actor.Role != PortalRole.Editor || teams.Count == 0)
        {
            return false;
        }

        var names = teams.Select(t => EntityRef.Parse(t).Name).ToList();
        var ids = await db.Teams.AsNoTracking().Where(t => names.Contains(t.Name)).Select(t => new { t.Id, t.Namespace, t.Name }).ToListAsync(ct);
        return ids.Any(t => teams.Contains(EntityRef.Format(t.Namespace, t.Name), StringComparer.Ordinal) && actor.CanEdit(t.Id));
    }

    private static string Teams(IReadOnlyList<string> teams) => teams.Count == 0 ? "the owning team" : string.Join(", ", teams);
}
