using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Keeps a sign-in cookie honest: it records when the person signed in and under which <c>Auth:Mode</c>; a cookie
/// older than <c>Auth:SessionMaxHours</c> (however active its owner), issued under another mode, or (Local mode in a
/// container, <see cref="LocalModePeerCheck"/>) used from elsewhere than the loopback-published port is rejected, and
/// the API and the health details answer with status codes instead of redirects to the sign-in page. A rejected cookie
/// is audited as <see cref="RejectedAction"/> (through <see cref="RefusalRecorder"/>: at most one entry a minute per
/// client address, the rest counted).
/// </summary>
public sealed class SessionCookieEvents(
    IOptions<AuthOptions> options,
    TimeProvider clock,
    PrincipalRefresher refresher,
    LocalModePeerCheck peers,
    ILogger<SessionCookieEvents> logger,
    RefusalRecorder refusals)
    : CookieAuthenticationEvents
{
    /// <summary>The audit action of a rejected sign-in cookie (keyed by client address, named by the cookie's account).</summary>
    public const string RejectedAction = "session.refused";

    /// <summary>When the person signed in (round-trip UTC), kept across sliding renewals.</summary>
    public const string SignedInAtKey = ".portal.signed-in-at";

    /// <summary>The <c>Auth:Mode</c> the cookie was issued under.</summary>
    public const string ModeKey = ".portal.mode";

    /// <summary>When the person's role was last re-read (round-trip UTC).</summary>
    public const string RoleReadAtKey = ".portal.role-read-at";

    public override Task SigningIn(CookieSigningInContext context)
    {
        var items = context.Properties.Items;
        if (!items.ContainsKey(SignedInAtKey))
        {
            items[SignedInAtKey] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        }

        items[ModeKey] = options.Value.Mode.ToString();
        items[RoleReadAtKey] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        context.Principal = WithSignedInAt(context.Principal!, items[SignedInAtKey]!);
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var reason = RejectionReason(context.Properties);
        if (reason is null && !peers.Allows(EdgeHosting.RawPeer(context.HttpContext)))
        {
            reason = LocalModePeerCheck.Refusal(EdgeHosting.RawPeer(context.HttpContext));
        }

        if (reason is null && context.Principal is { } signedIn
            && PortalClaims.Own(signedIn, PortalClaims.Source) == PortalClaims.OidcSource && PortalClaims.Own(signedIn, PortalClaims.OidcIssuer) is null)
        {
            // Issued before sign-in accounts were linked: it would act with the provider's role but as nobody.
            reason = "an OpenID Connect sign-in from before accounts were linked (no issuer)";
        }

        if (reason is null && context.Principal?.Claims.FirstOrDefault(PortalClaims.IsForeignReserved) is { } foreign)
        {
            // Issued before provider claims were stripped: a provider's role or identity claim would still count.
            reason = $"it holds a '{foreign.Type}' claim written by {foreign.Issuer}, a type only Portal may write";
        }

        if (reason is null && context.Principal is { } user && RoleIsDue(context.Properties))
        {
            // The role the person has now, not the one they signed in with (a demoted admin stops being admin).
            var refreshed = await refresher.RefreshAsync(user, context.HttpContext.RequestAborted);
            if (refreshed is null)
            {
                reason = "the person is no longer in the catalog, or their record is orphaned";
            }
            else
            {
                context.Properties.Items[RoleReadAtKey] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                context.ReplacePrincipal(refreshed);
                context.ShouldRenew = true;
            }
        }

        if (reason is null && context.Principal is { } principal
            && context.Properties.Items.TryGetValue(SignedInAtKey, out var signedInAt) && signedInAt is not null
            && principal.FindFirstValue(PortalClaims.SignedInAt) != signedInAt)
        {
            // A cookie from before the claim existed: open pages need the sign-in time to end with the session.
            context.ReplacePrincipal(WithSignedInAt(principal, signedInAt));
        }

        if (reason is not null)
        {
            logger.LogInformation("Sign-in cookie rejected: {Reason}", reason);

            // Named as the cookie names itself (whatever Auth:Mode now is): the database is not asked about a session being turned away.
            var actor = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
                ? new Portal.Domain.Security.Actor(id, context.Principal.Identity?.Name ?? id, Portal.Domain.Security.PortalRole.Viewer, new HashSet<Guid>())
                : RefusalRecorder.Anonymous;
            await refusals.RecordByAddressAsync(
                context.HttpContext, RejectedAction, actor, AuditedAuthorizationResults.EntityType, AuditedAuthorizationResults.EndpointKey(context.HttpContext), "sign-in cookie rejected: " + reason);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>A copy of <paramref name="user"/> whose <see cref="PortalClaims.SignedInAt"/> claim is <paramref name="signedInAt"/>.</summary>
    private static ClaimsPrincipal WithSignedInAt(ClaimsPrincipal user, string signedInAt)
    {
        var identity = (ClaimsIdentity)user.Identity!;
        var claims = identity.Claims.Where(c => c.Type != PortalClaims.SignedInAt).Append(new Claim(PortalClaims.SignedInAt, signedInAt));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    private bool RoleIsDue(AuthenticationProperties properties) =>
        !properties.Items.TryGetValue(RoleReadAtKey, out var at)
        || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var readAt)
        || clock.GetUtcNow() - readAt >= TimeSpan.FromMinutes(options.Value.RoleRefreshMinutes);

    /// <summary>Why a cookie with these properties may not be used any more, or null when it may.</summary>
    public string? RejectionReason(AuthenticationProperties properties)
    {
        var auth = options.Value;
        var mode = properties.Items.TryGetValue(ModeKey, out var m) ? m : null;
        if (!string.Equals(mode, auth.Mode.ToString(), StringComparison.Ordinal))
        {
            return $"issued under Auth:Mode {mode ?? "(unknown)"}, Portal now runs {auth.Mode}";
        }

        if (!properties.Items.TryGetValue(SignedInAtKey, out var at)
            || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt))
        {
            return "no sign-in time";
        }

        return clock.GetUtcNow() - signedInAt > TimeSpan.FromHours(auth.SessionMaxHours)
            ? $"signed in at {signedInAt:O}, more than {auth.SessionMaxHours} h ago"
            : null;
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) => ApiAware(context, StatusCodes.Status401Unauthorized);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => ApiAware(context, StatusCodes.Status403Forbidden);

    // The API and the health endpoints answer with status codes, never with a redirect to a sign-in page (a monitor
    // following redirects would otherwise read the sign-in page's 200 as healthy).
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
