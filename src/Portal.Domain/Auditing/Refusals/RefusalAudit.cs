using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Persistence;

namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// Writes refusals that anyone can repeat at will (failed bearer tokens, a signed-in caller refused by a policy,
/// webhook replays) through <see cref="RefusalAuditThrottle"/>: an entry when the throttle lets the refusal through,
/// counts of those it left out as summary entries once their window closed (written with the next refusal entry, or
/// by <see cref="FlushAsync"/>, which the host calls every few seconds). Each summary is also logged at Warning.
/// </summary>
public sealed class RefusalAudit(IDbContextFactory<PortalDbContext> dbFactory, RefusalAuditThrottle throttle, ILogger<RefusalAudit> logger)
{
    /// <summary>
    /// Audits <paramref name="attempt"/> unless the throttle counts it instead; <paramref name="after"/> builds the
    /// entry's details from how many of this caller's refusals were left out since its last entry. Summaries now due
    /// are saved with it. True when the refusal's own entry was written. Database errors are the caller's to handle.
    /// Not cancellable: the counts are taken from the throttle before they are written, and a write cut short (a caller
    /// hanging up) would lose them; it is one small insert, bounded by the database's own timeout.
    /// </summary>
    public async Task<bool> RecordAsync(RefusalAttempt attempt, Func<int, object> after)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(after);
        var admission = throttle.Admit(attempt);
        var due = throttle.TakeDue();
        if (!admission.Write)
        {
            logger.LogDebug(
                "{Action} of {Caller} on {Key} counted, not written: this caller's refusal was audited less than {Window} ago, or the audit log took its most refusals this minute",
                attempt.Action, attempt.Caller, attempt.EntityKey, RefusalAuditThrottle.Window);
        }

        if (!admission.Write && due.Count == 0)
        {
            return false;
        }

        Log(due);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        if (admission.Write)
        {
            AuditLog.Record(db, attempt.Actor, attempt.Action, attempt.EntityType, attempt.EntityKey, null, after(admission.LeftOut), succeeded: false);
        }

        Add(db, due);
        await db.SaveChangesAsync(CancellationToken.None);
        return admission.Write;
    }

    /// <summary>Writes the summaries due now (callers quiet for a window, the global count beyond the cap); how many. Not cancellable, as <see cref="RecordAsync"/>.</summary>
    public async Task<int> FlushAsync()
    {
        var due = throttle.TakeDue();
        if (due.Count == 0)
        {
            return 0;
        }

        Log(due);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        Add(db, due);
        await db.SaveChangesAsync(CancellationToken.None);
        return due.Count;
    }

    /// <summary>Logs each summary before anything touches the database: if the database is down, the count still reaches the log.</summary>
    private void Log(IReadOnlyList<RefusalSummary> due)
    {
        foreach (var summary in due)
        {
            logger.LogWarning(
                "{LeftOut} refusal(s) ({Action}, {Actor}, client {Client}) between {From:O} and {To:O} were counted instead of audited one by one: {ByKey}",
                summary.LeftOut, summary.Action, summary.Actor.AuditName, summary.ClientAddress ?? "any", summary.From, summary.To,
                string.Join(", ", summary.ByKey.Select(k => $"{k.Key} ×{k.Value}")));
        }
    }

    private static void Add(PortalDbContext db, IReadOnlyList<RefusalSummary> due)
    {
        foreach (var summary in due)
        {
            AuditLog.Record(
                db,
                summary.Actor,
                summary.Action,
                summary.EntityType,
                summary.EntityKey,
                null,
                new
                {
                    LeftOut = summary.LeftOut,
                    summary.From,
                    summary.To,
                    summary.ClientAddress,
                    summary.ByKey,
                    Summary = summary.Action == RefusalAuditThrottle.LeftOutAction
                        ? $"{summary.LeftOut} refusal(s) beyond the audit log's {RefusalAuditThrottle.MaxEntriesPerWindow} a minute, counted by action"
                        : $"{summary.LeftOut} more refusal(s) of this caller, counted instead of written one by one",
                },
                succeeded: false);
        }
    }
}
