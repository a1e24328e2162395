using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
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
/// names the client address. A failure to write the entry is logged and does not change the answer.
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
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
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

    /// <summary><c>PUT /api/v1/services/{name}</c>: the route pattern when the endpoint has one, else the path.</summary>
    public static string EndpointKey(HttpContext context) =>
        $"{context.Request.Method} {(context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? "/" + pattern.TrimStart('/') : context.Request.Path.Value)}";

    private async Task RecordAsync(HttpContext context, RefusalAttempt attempt, string reason)
    {
        try
        {
            await refusals.RecordAsync(
                attempt,
                leftOut => leftOut > 0
                    ? new { context.Request.Method, Path = context.Request.Path.Value, Reason = reason, attempt.ClientAddress, LeftOutSinceLastEntry = leftOut }
                    : new { context.Request.Method, Path = context.Request.Path.Value, Reason = reason, attempt.ClientAddress });
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(ex, "Could not audit the refusal of {Method} {Path} ({Action})", context.Request.Method, context.Request.Path.Value, attempt.Action);
        }
    }
}
