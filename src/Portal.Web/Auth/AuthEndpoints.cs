using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>Sign-in and sign-out endpoints; the sign-in page posts a plain form here so the cookie can be set.</summary>
public static class AuthEndpoints
{
    /// <summary>The audit action of a Local sign-in refused because it came from the network (keyed by client address).</summary>
    public const string SignInRefusedAction = "signin.refused";

    public static WebApplication MapPortalAuth(this WebApplication app)
    {
        app.MapPost("/auth/local/signin", LocalSignInAsync).AllowAnonymous();
        app.MapPost("/auth/signout", SignOutAsync);
        app.MapGet("/auth/oidc/signin", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [AuthHosting.OidcScheme]))
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> LocalSignInAsync(
        HttpContext http,
        [FromForm] string? person,
        [FromForm] string? returnUrl,
        IOptions<AuthOptions> options,
        ActorDirectory directory,
        LocalModePeerCheck peers,
        RefusalRecorder refusals,
        ILoggerFactory loggers)
    {
        if (options.Value.Mode != AuthMode.Local)
        {
            return Results.NotFound();
        }

        var target = SafeReturnUrl(returnUrl);
        var logger = loggers.CreateLogger("Portal.Auth");
        var peer = EdgeHosting.RawPeer(http);
        if (!peers.Allows(peer))
        {
            logger.LogWarning("Local sign-in refused: {Reason}", LocalModePeerCheck.Refusal(peer));
            await refusals.RecordByAddressAsync(
                http, SignInRefusedAction, RefusalRecorder.Anonymous, AuditedAuthorizationResults.EntityType, AuditedAuthorizationResults.EndpointKey(http),
                "local sign-in refused: " + LocalModePeerCheck.Refusal(peer));
            return Results.LocalRedirect("/signin?error=network&returnUrl=" + Uri.EscapeDataString(target));
        }

        if (string.IsNullOrWhiteSpace(person))
        {
            return Results.LocalRedirect("/signin?error=choose&returnUrl=" + Uri.EscapeDataString(target));
        }

        if (person == PortalClaims.LocalAdminId && !await directory.AnyPeopleAsync(http.RequestAborted))
        {
            // Evaluation only: offered while nobody is in the catalog to sign in as.
            await SignInAsync(http, PortalClaims.LocalAdminId, "Local administrator", PortalRole.Admin, PortalClaims.BuiltInSource);
            logger.LogInformation("Signed in as the built-in local administrator");
            return Results.LocalRedirect(target);
        }

        // A catalog person called local-admin signs in as that person, never as the built-in administrator.
        var actor = await directory.ForPersonAsync(person, null, http.RequestAborted);
        if (actor is null)
        {
            var error = person == PortalClaims.LocalAdminId ? "local-admin" : "unknown";
            return Results.LocalRedirect($"/signin?error={error}&returnUrl=" + Uri.EscapeDataString(target));
        }

        await SignInAsync(http, actor.Name, actor.DisplayName, actor.Role, PortalClaims.LocalSource);
        logger.LogInformation("Signed in locally as {Person} ({Role})", actor.Name, actor.Role);
        return Results.LocalRedirect(target);
    }

    private static Task SignInAsync(HttpContext http, string id, string displayName, PortalRole role, string source) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            PortalClaims.Create(id, displayName, role, source, CookieAuthenticationDefaults.AuthenticationScheme));

    private static async Task<IResult> SignOutAsync(HttpContext http, IOptions<AuthOptions> options)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.Value.Mode == AuthMode.Oidc
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [AuthHosting.OidcScheme])
            : Results.LocalRedirect("/signin");
    }

    /// <summary>
    /// Only local URLs by ASP.NET Core's own rules (no <c>//host</c>, <c>/\host</c>, control characters such as a tab
    /// that browsers drop, or absolute URLs): a sign-in link must never send someone to another site.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
