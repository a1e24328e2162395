using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Security;

namespace Portal.Web.Auth;

/// <summary>
/// Audits a refusal made while answering a request, or inside an open page, through <see cref="RefusalAudit"/> (so a
/// caller repeating it at will writes at most one entry a minute, the rest counted) and <see cref="AuditWrite"/> (so a
/// failed write is logged and never changes the answer). The entry's details name the method, the path and the reason
/// (each cut to <see cref="AuditWrite.MaxTextLength"/> characters) and the client address when there is a request.
/// </summary>
public sealed class RefusalRecorder(RefusalAudit refusals, ILogger<RefusalRecorder> logger)
{
    /// <summary>The actor of a refusal of someone not (or no longer) signed in.</summary>
    public static readonly Actor Anonymous = new("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());

    /// <summary>
    /// Audits a refusal of whoever sends from this request's client address (an IPv6 client by its /48): one entry a
    /// minute per address and <paramref name="action"/>.
    /// </summary>
    public Task RecordByAddressAsync(HttpContext context, string action, Actor actor, string entityType, string entityKey, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = $"{action}|{RefusalAuditThrottle.AddressKey(context.Connection.RemoteIpAddress)}";
        return RecordAsync(context, new RefusalAttempt(caller, actor, action, entityType, AuditWrite.Bounded(entityKey)!, AuditedAuthorizationResults.ClientAddress(context)), reason);
    }

    /// <summary>Audits <paramref name="attempt"/>; <paramref name="context"/> is null for a refusal inside an open page (no request).</summary>
    public async Task RecordAsync(HttpContext? context, RefusalAttempt attempt, string reason)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var method = context?.Request.Method;
        var path = AuditWrite.Bounded(context?.Request.Path.Value);
        reason = AuditWrite.Bounded(reason)!;
        await AuditWrite.TryAsync(
            () => refusals.RecordAsync(
                attempt,
                leftOut => leftOut > 0
                    ? new { Method = method, Path = path, Reason = reason, attempt.ClientAddress, LeftOutSinceLastEntry = leftOut }
                    : new { Method = method, Path = path, Reason = reason, attempt.ClientAddress }),
            ex => logger.LogError(ex, "Could not audit the refusal {Action} of {Caller} ({Path}); the refusal stands all the same", attempt.Action, attempt.Caller, path));
    }
}
