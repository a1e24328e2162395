using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Security;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Writes every refusal the authorization middleware makes to the audit log, then answers as ASP.NET Core does:
/// a signed-in caller a policy refuses (<see cref="ForbiddenAction"/>: the API, pages, <c>/jobs</c>,
/// <c>/healthz/details</c>), and a request whose bearer token failed authentication (<see cref="TokenRefusedAction"/>,
/// with why). A request that simply carries no credentials (sent to sign in) is not a refusal and is not written.
/// Both kinds can be repeated at will, so both pass <see cref="RefusalAudit"/>: one entry a minute per signed-in caller
/// and endpoint, or per client address (an IPv6 client by its /48) for failed tokens, counts of the rest written later,
/// and at most <see cref="RefusalAuditThrottle.MaxEntriesPerWindow"/> refusal entries a minute in all. Every entry
/// names the client address; its path and reason are cut to <see cref="AuditWrite.MaxTextLength"/> characters.
/// The caller is looked up without the request's token and, should the database fail, named from its claims
/// (<see cref="ActorResolver.ResolveForAuditAsync"/>), so hanging up at once does not skip the entry. A failure to write
/// the entry (any, <see cref="AuditWrite"/>) is logged and does not change the answer: the 401 or 403 stands.
/// </summary>
public sealed class AuditedAuthorizationResults(
    RefusalAudit refusals, ActorResolver actors, ILogger<AuditedAuthorizationResults> logger) : IAuthorizationMiddlewareResultHandler
{
    public const string ForbiddenAction = "authorization.refused";
    public const string TokenRefusedAction = "authentication.refused";

    /// <summary>The record of an endpoint refusal: the method and route pattern, e.g. <c>PUT /api/v1/services/{name}</c>.</summary>
    public const string EntityType = "endpoint";

    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var actor = await actors.ResolveForAuditAsync(context.User);
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToArray() ?? [];
            var endpoint = EndpointKey(context);
            await RecordAsync(
                context, new RefusalAttempt($"{ForbiddenAction}|{actor.AuditName}|{endpoint}", actor, ForbiddenAction, EntityType, endpoint, ClientAddress(context)),
                reasons.Length > 0 ? string.Join(" ", reasons) : "the endpoint's policy refused this caller");
        }
        else if (authorizeResult.Challenged && context.Items[ApiChallengeProblems.RefusalItem] is string tokenRefusal)
        {
            var caller = $"{TokenRefusedAction}|{RefusalAuditThrottle.AddressKey(context.Connection.RemoteIpAddress)}";
            await RecordAsync(context, new RefusalAttempt(caller, Anonymous, TokenRefusedAction, EntityType, EndpointKey(context), ClientAddress(context)), tokenRefusal);
        }

        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The client's address as Portal sees it (after the forwarded headers of known proxies).</summary>
    public static string? ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null;

    private static readonly Actor Anonymous = new("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());

    /// <summary>
    /// <c>PUT /api/v1/services/{name}</c>: the route pattern when the endpoint has one, else the path (cut to
    /// <see cref="AuditWrite.MaxTextLength"/>: a request without an endpoint is keyed by whatever path it sent).
    /// </summary>
    public static string EndpointKey(HttpContext context) =>
        AuditWrite.Bounded($"{context.Request.Method} {(context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? "/" + pattern.TrimStart('/') : context.Request.Path.Value)}")!;

    private async Task RecordAsync(HttpContext context, RefusalAttempt attempt, string reason)
    {
        var method = context.Request.Method;
        var path = AuditWrite.Bounded(context.Request.Path.Value);
        reason = AuditWrite.Bounded(reason)!;
        await AuditWrite.TryAsync(
            () => refusals.RecordAsync(
                attempt,
                leftOut => leftOut > 0
                    ? new { Method = method, Path = path, Reason = reason, attempt.ClientAddress, LeftOutSinceLastEntry = leftOut }
                    : new { Method = method, Path = path, Reason = reason, attempt.ClientAddress }),
            ex => logger.LogError(ex, "Could not audit the refusal of {Method} {Path} ({Action}); the refusal is answered all the same", method, path, attempt.Action));
    }
}
