using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

/// <summary>Standard OpenID Connect settings plus where to find roles.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret: set through the environment (Auth__Oidc__ClientSecret) or user-secrets, never in appsettings.</summary>
    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The claim carrying roles, e.g. <c>roles</c> or <c>groups</c>.</summary>
    [Required]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value that makes someone a Portal admin.</summary>
    [Required]
    public string AdminRole { get; set; } = "portal-admin";

    /// <summary>Claim value that makes someone an editor; anyone else signed in is a viewer.</summary>
    [Required]
    public string EditorRole { get; set; } = "portal-editor";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The boolean claim by which the provider says the <c>email</c> claim is verified; only then does a first
    /// sign-in link the account to the person with that e-mail (e.g. <c>xms_edov</c> on Microsoft Entra ID).
    /// </summary>
    [Required]
    public string EmailVerifiedClaim { get; set; } = "email_verified";
}
