using System.Security.Claims;
using Portal.Domain.Security;

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

    /// <summary>Who created the API token a principal authenticated with (actor names, one claim each): the token answers for them too.</summary>
    public const string TokenCreator = "portal:token-creator";

    /// <summary>Source of a person who chose who they are on the local sign-in page.</summary>
    public const string LocalSource = "local";

    /// <summary>
    /// Source of the built-in local administrator. Only this source makes someone the built-in administrator, so a
    /// catalog person who happens to be called <c>local-admin</c> is never taken for it.
    /// </summary>
    public const string BuiltInSource = "builtin";

    /// <summary>Source of someone signed in through OpenID Connect.</summary>
    public const string OidcSource = "oidc";

    /// <summary>Source of an API token (bearer) principal.</summary>
    public const string TokenSource = "token";

    /// <summary>
    /// Claim types only Portal may write: its own <c>portal:*</c> claims and the types it reads a principal's identity
    /// and role from. An identity provider's token or user-info answer carrying one is stripped before Portal adds its
    /// own, so a provider (or someone who controls what it puts in a token) cannot pose as the local administrator,
    /// an API token, another role or another issuer.
    /// </summary>
    /// <remarks>
    /// Matched ignoring case, because .NET finds claims and roles ignoring case (<c>IsInRole</c>, <c>FindFirst</c>):
    /// a provider's <c>…/claims/ROLE</c> would otherwise count as a role. For the same reason a subject claim spelt
    /// other than exactly <c>sub</c> is reserved, so only the provider's real subject can be found.
    /// </remarks>
    public static bool IsReserved(string type) =>
        type.StartsWith("portal:", StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, ClaimTypes.Role, StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, ClaimTypes.NameIdentifier, StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, ClaimTypes.Name, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(type, SubjectClaim, StringComparison.OrdinalIgnoreCase) && !string.Equals(type, SubjectClaim, StringComparison.Ordinal));

    /// <summary>The OpenID Connect subject claim (kept as is: the handler does not map inbound claims).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>
    /// A claim Portal may not trust: one of a reserved type (<see cref="IsReserved"/>) written by someone other than
    /// Portal. A principal holding one was built from a provider's claims before they were stripped.
    /// </summary>
    public static bool IsForeignReserved(Claim claim) => IsReserved(claim.Type) && claim.Issuer != ClaimsIdentity.DefaultIssuer;

    /// <summary>
    /// The value of a claim Portal itself wrote (issuer <see cref="ClaimsIdentity.DefaultIssuer"/>), or null: a claim
    /// of the same type from anyone else is never believed.
    /// </summary>
    public static string? Own(ClaimsPrincipal user, string type) =>
        user.FindFirst(c => c.Type == type && c.Issuer == ClaimsIdentity.DefaultIssuer)?.Value;

    /// <summary>Every value of the claims of <paramref name="type"/> that Portal itself wrote (see <see cref="Own"/>).</summary>
    public static IEnumerable<string> OwnAll(ClaimsPrincipal user, string type) =>
        user.FindAll(c => c.Type == type && c.Issuer == ClaimsIdentity.DefaultIssuer).Select(c => c.Value);

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

    /// <summary>The role Portal gave <paramref name="user"/>; a role claim written by anyone else counts for nothing.</summary>
    public static PortalRole RoleOf(ClaimsPrincipal user) =>
        HasOwnRole(user, PortalRole.Admin) ? PortalRole.Admin
        : HasOwnRole(user, PortalRole.Editor) ? PortalRole.Editor
        : PortalRole.Viewer;

    private static bool HasOwnRole(ClaimsPrincipal user, PortalRole role) =>
        user.HasClaim(c => c.Type == ClaimTypes.Role && c.Issuer == ClaimsIdentity.DefaultIssuer && c.Value == role.ToString());
}
