using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

public sealed partial class DebtCommands
{
    /// <summary>Most items one bulk change may touch.</summary>
    public const int MaxBulk = 500;

    /// <summary>
    /// Moves several items to one status. <paramref name="seen"/> maps each item to the version the person saw: an item
    /// saved by someone else since then is left alone and reported, never overwritten. Items the actor may not change,
    /// or that cannot take the status (the workflow, Planned without a quarter, Won't fix without a reason), are left
    /// alone too and listed with why; the rest change together. Every refusal is audited.
    /// </summary>
    public async Task<DebtBulkResult> SetStatusAsync(Actor actor, IReadOnlyDictionary<Guid, int> seen, DebtStatusChange change, CancellationToken ct = default)
    {
        if (seen.Count is 0 or > MaxBulk)
        {
            throw new DomainValidationException("ids", $"choose between 1 and {MaxBulk} items");
        }

        Quarter? quarter = string.IsNullOrWhiteSpace(change.TargetQuarter) ? null : Quarter.Parse(change.TargetQuarter, "targetQuarter");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = seen.Keys.ToList();
        var items = await db.DebtItems.Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service)
            .AsSplitQuery().Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        var changed = new List<DebtItemRef>();
        var refused = new List<(DebtItemRef, string)>();
        var now = Now;
        foreach (var item in items.OrderByDescending(i => i.Priority))
        {
            var before = Snapshot(item);
            var why = WhyNot(actor, [.. item.Services.Select(s => s.Service)], item.Title) is null ? null : "not yours to change";
            why ??= item.Version != seen[item.Id] ? ChangedMeanwhile : null;
            why ??= item.StatusConflict(change.Status) is { } owned ? $"status {owned}" : null;
            if (why is null)
            {
                try
                {
                    if (quarter is not null || change.Status == DebtStatus.Planned)
                    {
                        item.SetTargetQuarter(quarter ?? (item.TargetQuarter is { } q ? Quarter.Parse(q) : null), now);
                    }

                    item.MoveTo(change.Status, change.WontFixReason, change.RevisitOn, Today, now);
                }
                catch (DomainValidationException ex)
                {
                    why = $"{ex.Field} {ex.Reason}";
                }
            }

            if (why is not null)
            {
                db.Entry(item).State = EntityState.Unchanged;
                AuditLog.Record(db, actor, "debt.status.denied", EntityType, item.Id.ToString(), before, new { Status = change.Status.ToString(), Refused = why }, succeeded: false);
                refused.Add((Ref(item), why));
                continue;
            }

            if (!IsChanged(db, item))
            {
                // Already so (the same status, reason, date and quarter): nothing is saved, so nothing is audited as a change.
                refused.Add((Ref(item), AlreadySo));
                continue;
            }

            db.Entry(item).Property(i => i.Version).OriginalValue = seen[item.Id];
            AuditLog.Record(db, actor, "debt.status", EntityType, item.Id.ToString(), before, Snapshot(item, saved: true));
            changed.Add(Ref(item));
        }

        refused.AddRange(ids.Except(items.Select(i => i.Id)).Select(id => (new DebtItemRef(id, id.ToString(), DebtStatus.Proposed), "no such item")));
        await SaveBulkAsync(db, actor, changed, refused, ct);
        return new DebtBulkResult(changed, refused);
    }

    /// <summary>Why an item of a bulk change was left alone although nothing refused it.</summary>
    public const string AlreadySo = "it already has that status (and reason, date and quarter)";

    private static bool IsChanged(PortalDbContext db, DebtItem item)
    {
        db.ChangeTracker.DetectChanges();
        return db.Entry(item).State != EntityState.Unchanged;
    }

    private const string ChangedMeanwhile = "someone else saved it after you loaded the list; reload and check it before changing it";

    /// <summary>
    /// Saves the bulk change. An item saved by someone else between loading and saving is taken out of the change
    /// (and reported, its refusal audited) and the rest saved again, so one late edit never blocks or loses the others.
    /// </summary>
    private static async Task SaveBulkAsync(PortalDbContext db, Actor actor, List<DebtItemRef> changed, List<(DebtItemRef, string)> refused, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < 3)
            {
                foreach (var entry in ex.Entries.Where(e => e.Entity is DebtItem))
                {
                    var item = (DebtItem)entry.Entity;
                    var key = item.Id.ToString();
                    foreach (var audit in db.ChangeTracker.Entries<AuditEntry>().Where(a => a.State == EntityState.Added && a.Entity.EntityKey == key).ToList())
                    {
                        audit.State = EntityState.Detached;
                    }

                    entry.State = EntityState.Detached;
                    changed.RemoveAll(c => c.Id == item.Id);
                    refused.Add((Ref(item), ChangedMeanwhile));
                    AuditLog.Record(db, actor, "debt.status.denied", EntityType, key, null, new { Refused = ChangedMeanwhile }, succeeded: false);
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException("Debt items", "selection");
            }
        }
    }
}
