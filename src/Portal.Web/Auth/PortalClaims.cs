using System.Security.Claims;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;

namespace Portal.Web.Auth;

/// <summary>Claim names Portal writes into its cookie and token principals.</summary>
public static class PortalClaims
{
    public const string Source = "portal:source";
    public const string LocalAdminId = "local-admin";

    /// <summary>The OpenID Connect issuer of the account, written at sign-in; with <c>sub</c> it finds the linked person.</summary>
    public const string OidcIssuer = "portal:oidc-issuer";

    /// <summary>
    /// When the session began (round-trip UTC), copied from the sign-in cookie so that an open page, which never
    /// sees the cookie again, can end at <c>Auth:SessionMaxHours</c> too.
    /// </summary>
    public const string SignedInAt = "portal:signed-in-at";

    /// <summary>Source of a person who chose who they are on the local sign-in page.</summary>
    public const string LocalSource = "local";

    /// <summary>
    /// Source of the built-in local administrator. Only this source makes someone the built-in administrator, so a
    /// catalog person who happens to be called <c>local-admin</c> is never taken for it.
    /// </summary>
    public const string BuiltInSource = "builtin";

    public static ClaimsPrincipal Create(string id, string displayName, PortalRole role, string source, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, id),
                new Claim(ClaimTypes.Name, displayName),
                new Claim(ClaimTypes.Role, role.ToString()),
                new Claim(Source, source),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));

    public static PortalRole RoleOf(ClaimsPrincipal user) =>
        user.IsInRole(nameof(PortalRole.Admin)) ? PortalRole.Admin
        : user.IsInRole(nameof(PortalRole.Editor)) ? PortalRole.Editor
        : PortalRole.Viewer;
}

/// <summary>Turns whoever is signed in (cookie, OIDC or API token) into the domain's <see cref="Actor"/>.</summary>
public sealed class ActorResolver(ActorDirectory directory)
{
    public async Task<Actor> ResolveAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var role = PortalClaims.RoleOf(user);
        var name = user.Identity.Name ?? id;
        switch (user.FindFirstValue(PortalClaims.Source))
        {
            case "token":
                return new Actor("token:" + name, name, role, new HashSet<Guid>());
            case PortalClaims.BuiltInSource:
                return ActorDirectory.LocalAdministrator;
            case PortalClaims.LocalSource:
                // The role a person has now, not the one they had when they signed in.
                return await directory.ForPersonAsync(id, null, ct) ?? new Actor(id, name, PortalRole.Viewer, new HashSet<Guid>());
            default:
                // OpenID Connect: the person linked to this account's issuer and subject, never one found by an e-mail
                // or user name claim. Without a link: the provider's role and no team's records.
                var subject = user.FindFirstValue(OidcSignIn.SubjectClaim);
                var issuer = user.FindFirstValue(PortalClaims.OidcIssuer);
                if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(issuer))
                {
                    return new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());
                }

                return await directory.ForSignInAsync(issuer, subject, role, ct)
                    ?? new Actor("oidc:" + subject, user.Identity.Name ?? subject, role, new HashSet<Guid>());
        }
    }
}
