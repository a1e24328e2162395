using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

/// <summary>Admins change the scoring tables; every score is recomputed at once, and the change is audited.</summary>
public sealed class DebtScoringCommands(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    /// <summary>
    /// Replaces the tables if <paramref name="actor"/> is an admin and nobody changed them since
    /// <paramref name="expectedVersion"/> (the version <see cref="DebtScores.TableAsync(CancellationToken)"/> gave), then
    /// recomputes every score.
    /// </summary>
    public async Task<DebtRecomputeResult> ChangeTablesAsync(Actor actor, DebtScoringTable table, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.DebtScoringSettings.FirstOrDefaultAsync(s => s.Id == DebtScoringSettings.SingletonId, ct);
        var before = settings?.ScoringTable ?? DebtScoringTable.Default;
        if (!actor.IsAdmin)
        {
            AuditLog.Record(db, actor, "debt.tables.denied", "debt-scoring", "tables", before, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException("Only admins may change how debt is scored.");
        }

        var current = settings is null ? 0 : settings.Version + 1;
        if (current != expectedVersion)
        {
            throw new ConcurrencyConflictException("Scoring tables", "tables");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (settings is null)
        {
            db.DebtScoringSettings.Add(new DebtScoringSettings(table, actor.Name, now));
        }
        else
        {
            settings.Change(table, actor.Name, now);
            db.Entry(settings).Property(s => s.Version).OriginalValue = expectedVersion - 1;
        }

        AuditLog.Record(db, actor, "debt.tables.update", "debt-scoring", "tables", before, table);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ConcurrencyConflictException("Scoring tables", "tables");
        }

        return await scores.RecomputeAllAsync(ct);
    }
}
