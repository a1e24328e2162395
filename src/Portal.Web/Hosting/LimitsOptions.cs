using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>Limits:*</c>: how much one caller may ask of Portal. Request rates per API token and per client address on
/// <c>/api/v1</c>, stricter per address on sign-in and the GitHub webhook (429 with <c>Retry-After</c> beyond them);
/// the largest request bodies of the catalog import and the webhook (413 beyond them, checked while reading, so a
/// chunked body is stopped too); and the largest answers of the blast radius and the catalog export.
/// </summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string Section = "Limits";

    /// <summary>Requests per API token on <c>/api/v1</c>. Default 600 a minute.</summary>
    public RateLimitRule ApiPerToken { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Requests per client address on <c>/api/v1</c>, whatever the token (several scripts behind one address). Default 1,200 a minute.</summary>
    public RateLimitRule ApiPerAddress { get; set; } = new() { PermitLimit = 1200, WindowSeconds = 60 };

    /// <summary>
    /// Sign-in requests (<c>/auth/…</c> but sign-out; not the OpenID Connect callback) per client address. Default 60 a
    /// minute: Portal checks no passwords (the identity provider does), and many people may share one address behind a
    /// corporate NAT or a proxy.
    /// </summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>GitHub webhook deliveries per sending address. Default 120 a minute (missed deliveries are caught up by the scheduled sync).</summary>
    public RateLimitRule Webhook { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>Largest catalog import body (<c>POST /api/v1/catalog/import</c>), in bytes. Default 50 MB.</summary>
    [Range(1024, 1L << 32)]
    public long ImportMaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Largest debt CSV import body (<c>POST /api/v1/debt/import</c>), in bytes, checked before anything is buffered.
    /// Default 2 MB: the file itself may be at most 1 MB (<c>DebtCsvImporter.MaxBytes</c>), plus room for a multipart
    /// upload's framing.
    /// </summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long DebtImportMaxBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>
    /// Largest GitHub webhook delivery, in bytes. Default 5 MB: Portal reads only the repository and organisation of a
    /// delivery, everyday events are a few KB, and a larger one (a huge push) refused with 413 is caught up by the
    /// scheduled sync. At most 25 MB, GitHub's own cap, so no delivery is ever refused for size.
    /// </summary>
    [Range(1024, 25L * 1024 * 1024)]
    public long WebhookMaxBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>Webhook deliveries handled at the same time (as many more wait; beyond that 429). Default 4.</summary>
    [Range(1, 64)]
    public int WebhookConcurrency { get; set; } = 4;

    /// <summary>Catalog exports built at the same time (each holds the whole catalog in memory; as many more wait; beyond that 429). Default 2.</summary>
    [Range(1, 64)]
    public int ExportConcurrency { get; set; } = 2;

    /// <summary>Largest <c>limit</c> of one blast-radius page (<c>offset</c> pages on). Default 1,000.</summary>
    [Range(1, 100_000)]
    public int BlastRadiusMaxLimit { get; set; } = 1000;

    /// <summary>Most entities (services, teams, people, systems, domains, resources, APIs) one catalog export may hold. Default 100,000.</summary>
    [Range(1, 10_000_000)]
    public int ExportMaxEntities { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, rule) in Rules())
        {
            if (rule.PermitLimit is < 1 or > 10_000_000)
            {
                yield return new ValidationResult($"{Section}:{name}:PermitLimit {rule.PermitLimit} must be between 1 and 10000000.", [$"{Section}:{name}:PermitLimit"]);
            }

            if (rule.WindowSeconds is < 1 or > 86_400)
            {
                yield return new ValidationResult($"{Section}:{name}:WindowSeconds {rule.WindowSeconds} must be between 1 and 86400 (a day).", [$"{Section}:{name}:WindowSeconds"]);
            }
        }
    }

    private IEnumerable<(string Name, RateLimitRule Rule)> Rules() =>
        [(nameof(ApiPerToken), ApiPerToken), (nameof(ApiPerAddress), ApiPerAddress), (nameof(SignIn), SignIn), (nameof(Webhook), Webhook)];
}
