using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Commands;

public sealed partial class DebtCommands
{
    /// <summary>
    /// Adds a report of pain; anyone signed in may, up to <see cref="DebtReport.MaxPerPersonPerDay"/> a day. The item's
    /// interest and scores follow in the same save and its version moves on, so a recomputation that read the item
    /// before the report can never write numbers without it.
    /// </summary>
    public async Task<Guid> AddReportAsync(Actor actor, Guid itemId, NewDebtReport report, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var item = await LoadAsync(db, itemId, ct);
            var now = Now;
            var dayStart = now.Date;
            // The same account under any of its names (before and after its sign-in was linked to a person).
            string[] names = [actor.Name, .. actor.OtherNames, .. actor.AnswersFor];
            var today = await db.DebtReports.CountAsync(r => names.Contains(r.Author) && r.CreatedAt >= dayStart, ct);
            if (today >= DebtReport.MaxPerPersonPerDay)
            {
                AuditLog.Record(db, actor, "debt.report.denied", EntityType, item.Id.ToString(), null, new { Refused = "daily limit" }, succeeded: false);
                await db.SaveChangesAsync(ct);
                throw new DomainValidationException("report", $"{actor.DisplayName} already added {today} reports of pain today, the most one person may add in a day; add more tomorrow or ask the owning team to set the interest");
            }

            var row = new DebtReport(item.Id, report.OccurredOn, report.Hours, report.Note, report.Incident, actor.Name, actor.DisplayName, Today, now);
            db.DebtReports.Add(row);
            var score = await scores.ScoreAsync(db, item, ct);
            AuditLog.Record(db, actor, "debt.report", EntityType, item.Id.ToString(), null,
                new { Report = ReportSnapshot(row), InterestHoursPerMonth = score.Values.InterestHoursPerMonth });
            if (await TrySaveAsync(db, ct))
            {
                return row.Id;
            }

            if (attempt >= 2)
            {
                throw new ConcurrencyConflictException("Debt item", item.Title);
            }
        }
    }

    /// <summary>
    /// Removes a disputed report of pain from the item's interest: editors of the teams owning the item's services, and
    /// admins, may. The report stays visible with who removed it and why; the change is audited and the scores follow.
    /// </summary>
    public async Task RemoveReportAsync(Actor actor, Guid itemId, Guid reportId, string? reason, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var item = await LoadAsync(db, itemId, ct);
            var row = await db.DebtReports.FirstOrDefaultAsync(r => r.Id == reportId && r.DebtItemId == itemId, ct)
                ?? throw new NotFoundException("Report of pain", reportId.ToString());
            var before = ReportSnapshot(row);
            if (WhyNot(actor, [.. item.Services.Select(s => s.Service)], item.Title) is { } why)
            {
                await DenyAsync(db, actor, "debt.report.remove.denied", item.Id.ToString(), before, why, ct);
                throw new ForbiddenException(why);
            }

            row.Remove(actor.Name, reason, Now);
            var score = await scores.ScoreAsync(db, item, ct);
            AuditLog.Record(db, actor, "debt.report.remove", EntityType, item.Id.ToString(), before,
                new { Report = ReportSnapshot(row), InterestHoursPerMonth = score.Values.InterestHoursPerMonth });
            if (await TrySaveAsync(db, ct))
            {
                return;
            }

            if (attempt >= 2)
            {
                throw new ConcurrencyConflictException("Debt item", item.Title);
            }
        }
    }

    /// <summary>Saves; false when the item was saved by someone else meanwhile (the caller reloads and tries again).</summary>
    private static async Task<bool> TrySaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static object ReportSnapshot(DebtReport r) => new
    {
        OccurredOn = r.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Hours,
        r.Note,
        r.Incident,
        r.Author,
        Removed = r.IsRemoved,
        r.RemovalReason,
    };
}
