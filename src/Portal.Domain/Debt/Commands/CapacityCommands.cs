using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Sets a team's capacity and debt share for a quarter: editors of that team and admins; version-checked so two
/// people planning at once never overwrite each other; every change and every refusal audited.
/// </summary>
public sealed class CapacityCommands(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The audit log's entity type; the key is <c>team/quarter</c>, e.g. <c>payments-core/2027-Q1</c>.</summary>
    public const string EntityType = "team-capacity";

    /// <summary>
    /// Saves <paramref name="edit"/> for <paramref name="teamRef"/> in <paramref name="quarter"/>.
    /// <paramref name="expectedVersion"/> is the version read (null when the quarter had no figures of its own yet);
    /// if someone saved in between, throws <see cref="ConcurrencyConflictException"/>. Returns the new version.
    /// </summary>
    public async Task<int> SetAsync(Actor actor, string teamRef, Quarter quarter, CapacityEdit edit, int? expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(edit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (ns, name) = EntityRef.Parse(teamRef?.Trim() ?? "");
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Namespace == ns && t.Name == name, ct)
            ?? throw new NotFoundException("Team", teamRef ?? "");
        var key = $"{team.Ref}/{quarter}";
        var row = await db.TeamCapacities.FirstOrDefaultAsync(c => c.TeamId == team.Id && c.Quarter == quarter.ToString(), ct);
        var before = row is null ? null : Snapshot(row);
        if (!actor.CanEdit(team.Id))
        {
            var why = actor.Role == PortalRole.Viewer
                ? "Viewers may look at capacity but not change it; ask an editor of the team."
                : $"{actor.DisplayName} is not an editor of {team.DisplayName}; only its editors and admins plan its capacity.";
            db.ChangeTracker.Clear();
            AuditLog.Record(db, actor, "debt.capacity.denied", EntityType, key, before, new { Refused = why }, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException(why);
        }

        if ((row is null) != (expectedVersion is null) || (row is not null && row.Version != expectedVersion))
        {
            throw new ConcurrencyConflictException("Capacity of", key);
        }

        if (row is null)
        {
            row = new TeamCapacity(team, quarter, edit.People, edit.WorkingDays, edit.DebtSharePercent, edit.Mode, actor.Name);
            db.TeamCapacities.Add(row);
        }
        else
        {
            row.Change(edit.People, edit.WorkingDays, edit.DebtSharePercent, edit.Mode, actor.Name);
            db.Entry(row).Property(c => c.Version).OriginalValue = expectedVersion!.Value;
        }

        AuditLog.Record(db, actor, "debt.capacity.update", EntityType, key, before, Snapshot(row));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale version, or another person created the quarter's row first (the unique index).
            throw new ConcurrencyConflictException("Capacity of", key);
        }

        return row.Version;
    }

    private static object Snapshot(TeamCapacity c) => new
    {
        c.Quarter,
        c.People,
        c.WorkingDays,
        c.DebtSharePercent,
        Mode = c.Mode.ToString(),
        c.Version,
    };
}
