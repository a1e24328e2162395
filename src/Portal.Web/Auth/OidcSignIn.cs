using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Portal.Domain.Security.Commands;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Runs once an OpenID Connect sign-in has all its claims (id token and user info): links the account to a
/// person through <see cref="SignInLinker"/> and records the issuer Portal will find that person by.
/// A refused link never signs anyone in; the sign-in page says why.
/// </summary>
public static class OidcSignIn
{
    /// <summary>The OpenID Connect subject claim (kept as is: the handler does not map inbound claims).</summary>
    public const string SubjectClaim = PortalClaims.SubjectClaim;

    /// <summary>
    /// Runs when the provider's id token is validated: maps the provider's role claim to a Portal role, strips every
    /// claim type Portal reserves for itself (<see cref="PortalClaims.IsReserved"/>) and only then adds Portal's own.
    /// </summary>
    public static void TokenValidated(ClaimsIdentity identity, OidcOptions options)
    {
        var role = OidcRoles.Map(identity.FindAll(options.RoleClaim).Select(c => c.Value), options);
        StripReserved(identity, keepPortals: false);
        identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Source, PortalClaims.OidcSource));
    }

    public static async Task TicketReceivedAsync(TicketReceivedContext context, OidcOptions options)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        // The user-info answer arrives after the token: what it says under a reserved type is dropped as well.
        StripReserved(identity, keepPortals: true);

        var subject = identity.FindFirst(SubjectClaim);
        if (subject is null || string.IsNullOrWhiteSpace(subject.Value))
        {
            Refuse(context, "no-subject");
            return;
        }

        // The validated token's issuer: the "iss" claim when the provider keeps it, else the issuer stamped on every claim.
        var issuer = identity.FindFirst("iss")?.Value is { Length: > 0 } iss ? iss : subject.Issuer;
        var email = identity.FindFirst("email")?.Value;
        var verified = bool.TryParse(identity.FindFirst(options.EmailVerifiedClaim)?.Value, out var v) && v;

        var linker = context.HttpContext.RequestServices.GetRequiredService<SignInLinker>();
        var link = await linker.LinkAsync(new SignInIdentity(issuer, subject.Value, email, verified), context.HttpContext.RequestAborted);
        if (link.IsRefused)
        {
            Refuse(context, link.Code ?? "refused");
            return;
        }

        identity.AddClaim(new Claim(PortalClaims.OidcIssuer, issuer));
        if (link.Outcome == SignInLinkOutcome.NoPerson)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Auth")
                .LogInformation("Signed in {Subject} without a person in the catalog: {Reason}", subject.Value, link.Reason);
        }
    }

    /// <summary>Removes reserved claims; with <paramref name="keepPortals"/>, those Portal itself wrote stay.</summary>
    private static void StripReserved(ClaimsIdentity identity, bool keepPortals)
    {
        foreach (var claim in identity.Claims
                     .Where(c => PortalClaims.IsReserved(c.Type) && !(keepPortals && c.Issuer == ClaimsIdentity.DefaultIssuer))
                     .ToList())
        {
            identity.RemoveClaim(claim);
        }
    }

    private static void Refuse(TicketReceivedContext context, string code)
    {
        context.HandleResponse();
        context.Response.Redirect("/signin?error=oidc-" + code);
    }
}
