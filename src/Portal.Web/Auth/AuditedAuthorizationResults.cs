using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Writes every refusal the authorization middleware makes to the audit log, then answers as ASP.NET Core does:
/// a signed-in caller a policy refuses (<see cref="ForbiddenAction"/>: the API, pages, <c>/jobs</c>), and a request
/// whose bearer token failed authentication (<see cref="TokenRefusedAction"/>, with why). A request that simply carries
/// no credentials (sent to sign in) is not a refusal and is not written. Failed authentications are anonymous, so
/// they pass <see cref="RefusalAuditThrottle"/>: one entry per client address a minute, the next saying how many were
/// left out. A failure to write the entry is logged and does not change the answer.
/// </summary>
public sealed class AuditedAuthorizationResults(
    IDbContextFactory<PortalDbContext> dbFactory, ActorResolver actors, RefusalAuditThrottle throttle, ILogger<AuditedAuthorizationResults> logger) : IAuthorizationMiddlewareResultHandler
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
            await RecordAsync(context, actor, ForbiddenAction, reasons.Length > 0 ? string.Join(" ", reasons) : "the endpoint's policy refused this caller");
        }
        else if (authorizeResult.Challenged && context.Items[ApiChallengeProblems.RefusalItem] is string tokenRefusal)
        {
            if (throttle.TryWrite(PortalRateLimiters.Address(context), out var leftOut))
            {
                await RecordAsync(context, Anonymous, TokenRefusedAction, tokenRefusal, leftOut);
            }
            else
            {
                logger.LogDebug("Refused bearer token on {Method} {Path} not audited: this address's refusal was audited less than a minute ago", context.Request.Method, context.Request.Path.Value);
            }
        }

        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    private static readonly Actor Anonymous = new("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());

    /// <summary><c>PUT /api/v1/services/{name}</c>: the route pattern when the endpoint has one, else the path.</summary>
    public static string EndpointKey(HttpContext context) =>
        $"{context.Request.Method} {(context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? "/" + pattern.TrimStart('/') : context.Request.Path.Value)}";

    private async Task RecordAsync(HttpContext context, Actor actor, string action, string reason, int leftOut = 0)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            object after = leftOut > 0
                ? new { context.Request.Method, Path = context.Request.Path.Value, Reason = reason, NotAuditedSinceLastFromThisAddress = leftOut }
                : new { context.Request.Method, Path = context.Request.Path.Value, Reason = reason };
            AuditLog.Record(db, actor, action, EntityType, EndpointKey(context), null, after, succeeded: false);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(ex, "Could not audit the refusal of {Method} {Path} ({Action})", context.Request.Method, context.Request.Path.Value, action);
        }
    }
}
