using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Persistence;

namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// Writes refusals that anyone can repeat at will (failed bearer tokens, a signed-in caller refused by a policy,
/// webhook replays) through <see cref="RefusalAuditThrottle"/>: an entry when the throttle lets the refusal through,
/// counts of those it left out as summary entries once their window closed (written with the next refusal entry, or
/// by <see cref="FlushAsync"/>, which the host calls every few seconds, and <see cref="FlushAllAsync"/> at shutdown).
/// Each summary is also logged at Warning before it is written, and a count whose entry cannot be written is logged too.
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
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (admission.Write)
            {
                AuditLog.Record(db, attempt.Actor, attempt.Action, attempt.EntityType, attempt.EntityKey, null, after(admission.LeftOut), succeeded: false);
            }

            Add(db, due);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception) when (admission.LeftOut > 0 && NoteUncarriedCount(attempt, admission.LeftOut))
        {
            // Never reached: NoteUncarriedCount logs and lets the exception go on to the caller.
            throw;
        }

        return admission.Write;
    }

    /// <summary>Writes the summaries due now (callers quiet for a window, the global count beyond the cap); how many. Not cancellable, as <see cref="RecordAsync"/>.</summary>
    public Task<int> FlushAsync() => WriteAsync(throttle.TakeDue(), CancellationToken.None);

    /// <summary>
    /// At shutdown: writes every count the throttle still holds, open windows too (<see cref="RefusalAuditThrottle.TakeAll"/>);
    /// how many summaries. Cancellable, so that a database that does not answer cannot hold up the shutdown: each
    /// summary is logged at Warning before the write, so a cut-short write still leaves the counts in the log.
    /// </summary>
    public Task<int> FlushAllAsync(CancellationToken ct) => WriteAsync(throttle.TakeAll(), ct);

    private async Task<int> WriteAsync(IReadOnlyList<RefusalSummary> due, CancellationToken ct)
    {
        if (due.Count == 0)
        {
            return 0;
        }

        Log(due);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, due);
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    // The entry that failed to be written was to carry how many of the caller's refusals were left out before it:
    // they reach the log instead. Returns false, so the exception goes on.
    private bool NoteUncarriedCount(RefusalAttempt attempt, int leftOut)
    {
        logger.LogWarning(
            "{LeftOut} earlier refusal(s) ({Action}, {Caller}) were to be counted on an audit entry that could not be written",
            leftOut, attempt.Action, attempt.Caller);
        return false;
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
                        ? $"{summary.LeftOut} refusal(s) beyond the audit log's {RefusalAuditThrottle.MaxEntriesPerWindow} a minute, or {RefusalAuditThrottle.MaxEntriesPerPrincipal} a minute for one account or address, counted by who was refused"
                        : $"{summary.LeftOut} more refusal(s) of this caller, counted instead of written one by one",
                },
                succeeded: false);
        }
    }
}
