using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Database:*</c>: which database Portal keeps its data in.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>Sqlite (default, zero set-up) or Postgres (production; needs <c>ConnectionStrings:Portal</c>).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file; relative paths are under the app's content root. Default <c>App_Data/portal.db</c>.</summary>
    public string SqlitePath { get; set; } = "App_Data/portal.db";

    /// <summary>Apply pending migrations when the web app starts. Defaults to on for SQLite, off for PostgreSQL (run <c>migrate</c>).</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Bound from <c>ConnectionStrings:Portal</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider is Postgres but ConnectionStrings:Portal is empty. Set ConnectionStrings__Portal, e.g. Host=db;Database=portal;Username=portal;Password=…",
                ["ConnectionStrings:Portal"]);
        }
    }
}

public enum AuthMode
{
    Local,
    Oidc,
}

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

/// <summary><c>OpenTelemetry:*</c>: where traces, metrics and logs go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>OTLP endpoint, e.g. http://collector:4317. Empty: nothing is exported. OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "portal";
}

/// <summary>The dependency graph's settings (section <c>Graph</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>
    /// Load and analyse the graph in the background once the app has started, so the first visitor of the graph
    /// pages does not wait (default). Off, it loads on first use: the benchmarks turn it off to measure the
    /// memory the graph takes and its cold analysis.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;
}
