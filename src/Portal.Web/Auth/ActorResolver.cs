using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Turns whoever is signed in (cookie, OIDC or API token) into the domain's <see cref="Actor"/>. Only claims Portal
/// wrote count (<see cref="PortalClaims.Own"/>); the local sources only while <c>Auth:Mode</c> is Local, the token
/// source only for the API token scheme.
/// </summary>
public sealed class ActorResolver(ActorDirectory directory, IOptions<AuthOptions> options, ILogger<ActorResolver> logger)
{
    /// <summary>
    /// The actor an audit entry about <paramref name="user"/> names, without ever failing: as <see cref="ResolveAsync"/>,
    /// but not cancellable (a caller who hangs up at once must still be audited or counted), and when the database
    /// cannot be asked, the actor the claims Portal wrote describe (<see cref="FromClaims"/>), so the entry is still written.
    /// </summary>
    public async Task<Actor> ResolveForAuditAsync(ClaimsPrincipal user)
    {
        Actor? actor = null;
        await AuditWrite.TryAsync(
            async () => actor = await ResolveAsync(user, CancellationToken.None),
            ex => logger.LogWarning(ex, "Could not look up {User} for an audit entry; the entry names the account from its sign-in claims", user.Identity?.Name));
        return actor ?? FromClaims(user);
    }

    /// <summary>
    /// Who <paramref name="user"/> is by the claims Portal wrote alone, no database: the name identifier (an OpenID
    /// Connect account as <c>oidc:&lt;subject&gt;</c>), the name and the role it signed in with, no team.
    /// </summary>
    public Actor FromClaims(ClaimsPrincipal user)
    {
        if (SignedIn(user) is not { } signedIn)
        {
            return Anonymous();
        }

        var (id, role, name, local) = signedIn;
        return PortalClaims.Own(user, PortalClaims.Source) switch
        {
            PortalClaims.TokenSource when user.Identity?.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName =>
                new Actor("token:" + name, name, role, new HashSet<Guid>()) { Credential = id == name ? null : id },
            PortalClaims.BuiltInSource when local => ActorDirectory.LocalAdministrator,
            PortalClaims.LocalSource when local => new Actor(id, name, role, new HashSet<Guid>()),
            _ when user.FindFirstValue(OidcSignIn.SubjectClaim) is { Length: > 0 } subject
                && !string.IsNullOrEmpty(PortalClaims.Own(user, PortalClaims.OidcIssuer)) => new Actor("oidc:" + subject, name, role, new HashSet<Guid>()),
            _ => Anonymous(),
        };
    }

    public async Task<Actor> ResolveAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (SignedIn(user) is not { } signedIn)
        {
            return Anonymous();
        }

        var (id, role, name, local) = signedIn;
        switch (PortalClaims.Own(user, PortalClaims.Source))
        {
            case PortalClaims.TokenSource when user.Identity?.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName:
                // The token's id rides along for the audit log (a name may be used again by a later token).
                return new Actor("token:" + name, name, role, new HashSet<Guid>())
                {
                    Credential = id == name ? null : id,
                    AnswersFor = new HashSet<string>(PortalClaims.OwnAll(user, PortalClaims.TokenCreator), StringComparer.OrdinalIgnoreCase),
                };
            case PortalClaims.BuiltInSource when local:
                return ActorDirectory.LocalAdministrator;
            case PortalClaims.LocalSource when local:
                // The role a person has now, not the one they had when they signed in.
                return await directory.ForPersonAsync(id, null, ct) ?? new Actor(id, name, PortalRole.Viewer, new HashSet<Guid>());
            default:
                // OpenID Connect: the person linked to this account's issuer and subject, never one found by an e-mail
                // or user name claim. Without a link: the provider's role and no team's records.
                var subject = user.FindFirstValue(OidcSignIn.SubjectClaim);
                var issuer = PortalClaims.Own(user, PortalClaims.OidcIssuer);
                if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(issuer))
                {
                    return Anonymous();
                }

                // Linked, the account still answers for what it did as oidc:<subject> before the link (OtherNames).
                var unlinkedName = "oidc:" + subject;
                return await directory.ForSignInAsync(issuer, subject, role, ct) is { } person
                    ? person with { OtherNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { unlinkedName } }
                    : new Actor(unlinkedName, user.Identity?.Name ?? subject, role, new HashSet<Guid>());
        }
    }

    private static Actor Anonymous() => new("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());

    /// <summary>What both readings of a user start from (the name identifier, role, name and auth mode), or null when nobody is signed in.</summary>
    private (string Id, PortalRole Role, string Name, bool Local)? SignedIn(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return (id, PortalClaims.RoleOf(user), user.Identity.Name ?? id, options.Value.Mode == AuthMode.Local);
    }
}
