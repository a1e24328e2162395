using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

/// <summary><c>Auth:*</c>: how people sign in.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Local (choose a person; for evaluation and loopback use) or Oidc.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Local;

    /// <summary>Allow Local mode on a non-loopback address. Anyone who can reach the port can then act as anyone.</summary>
    public bool AllowLocalModeOnNetwork { get; set; }

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>A session ends after this many minutes without a request (sliding; default 480, a working day).</summary>
    [Range(5, 7 * 24 * 60)]
    public int SessionIdleMinutes { get; set; } = 480;

    /// <summary>A session ends this many hours after sign-in however active it is (absolute; default 24).</summary>
    [Range(1, 30 * 24)]
    public int SessionMaxHours { get; set; } = 24;

    /// <summary>How often a signed-in person's role is re-read from the catalog, for cookies and open pages (default 2 minutes).</summary>
    [Range(1, 60)]
    public int RoleRefreshMinutes { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionMaxHours * 60 < SessionIdleMinutes)
        {
            yield return new ValidationResult(
                $"Auth:SessionMaxHours ({SessionMaxHours} h) is shorter than Auth:SessionIdleMinutes ({SessionIdleMinutes} min).", ["Auth:SessionMaxHours"]);
        }

        if (Mode != AuthMode.Oidc)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Oidc.Authority) || !Uri.IsWellFormedUriString(Oidc.Authority, UriKind.Absolute))
        {
            yield return new ValidationResult("Auth:Mode is Oidc but Auth:Oidc:Authority is not an absolute URL.", ["Auth:Oidc:Authority"]);
        }

        if (string.IsNullOrWhiteSpace(Oidc.ClientId))
        {
            yield return new ValidationResult("Auth:Mode is Oidc but Auth:Oidc:ClientId is empty.", ["Auth:Oidc:ClientId"]);
        }
    }
}
