using System.Security.Claims;
using Portal.Domain.Security.Queries;

namespace Portal.Web.Auth;

/// <summary>
/// Brings a signed-in principal up to date with the catalog: a person signed in locally gets the role they have now
/// (a demoted admin stops being admin), and one who is no longer in the catalog, or whose record is orphaned, is
/// signed out. Identity-provider roles (OpenID Connect) come from the provider and change at the next sign-in, which
/// <c>Auth:SessionMaxHours</c> bounds; an account whose linked person became orphaned is signed out.
/// </summary>
public sealed class PrincipalRefresher(ActorDirectory directory)
{
    /// <summary>The principal to use from now on: <paramref name="user"/> itself when nothing changed, a copy with the current role, or null when the person is gone.</summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return user;
        }

        switch (PortalClaims.Own(user, PortalClaims.Source))
        {
            case PortalClaims.OidcSource:
                var issuer = PortalClaims.Own(user, PortalClaims.OidcIssuer);
                var subject = user.FindFirstValue(OidcSignIn.SubjectClaim);
                return issuer is not null && subject is not null && await directory.IsSignInOrphanedAsync(issuer, subject, ct) ? null : user;
            case PortalClaims.LocalSource:
                break;
            default:
                return user;
        }

        var actor = await directory.ForPersonAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", null, ct);
        if (actor is null)
        {
            return null;
        }

        if (actor.Role == PortalClaims.RoleOf(user))
        {
            return user;
        }

        var claims = identity.Claims.Where(c => c.Type != ClaimTypes.Role).Append(new Claim(ClaimTypes.Role, actor.Role.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
