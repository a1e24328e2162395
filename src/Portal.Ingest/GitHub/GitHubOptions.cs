using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Where and how Portal reads GitHub (section <c>GitHub</c>). Nothing here is required: without an
/// organisation the sync is simply off. Secrets (token, private key, webhook secret) come from
/// environment variables or user-secrets, never from a committed file.
/// </summary>
public sealed class GitHubOptions : IValidatableObject
{
    public const string Section = "GitHub";

    /// <summary>REST root. Any host but api.github.com is GitHub Enterprise Server (Octokit adds <c>api/v3/</c>).</summary>
    [Required]
    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Organisations to sync; empty turns the sync off.</summary>
    public List<string> Organizations { get; set; } = [];

    /// <summary>One organisation, as a shorthand (<c>GitHub:Organization</c>); added to <see cref="Organizations"/>.</summary>
    public string? Organization { get; set; }

    /// <summary>Personal or fine-grained token (<c>GitHub__Token</c>). Either this or an App.</summary>
    public string? Token { get; set; }

    /// <summary>GitHub App id, with <see cref="AppPrivateKey"/>: Portal signs a JWT and exchanges it for installation tokens.</summary>
    public long? AppId { get; set; }

    /// <summary>The App's private key, PEM text (<c>GitHub__AppPrivateKey</c>).</summary>
    public string? AppPrivateKey { get; set; }

    /// <summary>Installation to use; found from the first organisation when empty.</summary>
    public long? AppInstallationId { get; set; }

    /// <summary>Cron of the recurring <c>github-sync</c> job (default hourly).</summary>
    [Required]
    public string SyncCron { get; set; } = "0 * * * *";

    /// <summary>Secret GitHub signs webhook deliveries with; webhooks are refused while it is empty.</summary>
    public string? WebhookSecret { get; set; }

    public bool SkipArchived { get; set; }

    public bool SkipForks { get; set; } = true;

    /// <summary>Repository names to leave out: wildcards <c>*</c> and <c>?</c>, e.g. <c>sandbox-*</c>.</summary>
    public List<string> ExcludeRepositories { get; set; } = [];

    /// <summary>When not empty, only repositories with at least one of these topics are synced.</summary>
    public List<string> RequireTopics { get; set; } = [];

    /// <summary>Repositories with any of these topics are left out.</summary>
    public List<string> ExcludeTopics { get; set; } = [];

    /// <summary>A repository without catalog-info.yaml becomes an <c>experimental</c> service named after it.</summary>
    public bool CreateServicesWithoutCatalogFile { get; set; } = true;

    /// <summary>
    /// Issues with this label become debt items (docs/github-sync.md, "Tech-debt issues"); one search per organisation per sync.
    /// </summary>
    [Required]
    [StringLength(50, MinimumLength = 1)]
    public string DebtLabel { get; set; } = "tech-debt";

    /// <summary>
    /// Pages of 100 the tech-debt search reads per organisation, in all. GitHub's search answers at most 1,000 results for
    /// one query, so past them the search goes on in slices by creation date (<c>created:&gt;=…</c>); the default reads up to
    /// 3,000 open labelled issues (search allows 30 requests a minute). Past this cap the run says so and no item is
    /// released for not being found.
    /// </summary>
    [Range(1, 100)]
    public int MaxDebtIssuePages { get; set; } = 30;

    /// <summary>
    /// Mirror tech-debt issues opened by people outside the organisation (author not an owner, member or collaborator).
    /// Off by default: anyone can open an issue on a public repository, and an issue template can label it. When on,
    /// such issues become items but their <c>debt:…</c> labels are never used for the assessment. The author's relation is
    /// the one recorded when an item started following the issue: a member who later leaves keeps their items followed.
    /// </summary>
    public bool DebtIssuesFromOutsiders { get; set; }

    /// <summary>
    /// Items one run may release because GitHub answers "not found" for their issues, they lost the label, or they are
    /// outsiders' issues no longer mirrored (<see cref="DebtIssuesFromOutsiders"/>). More at once usually means the token
    /// or App lost access (Issues: read) or a wrong setting, not that the issues were deleted: the run then releases none
    /// and says so. Raise it for one run after deleting many labelled issues on purpose.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxDebtReleasesPerRun { get; set; } = 10;

    /// <summary>Repositories read at the same time.</summary>
    [Range(1, 16)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Repositories per batch; progress is saved after each, so a resumed run skips them.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Time allowed for one request before it counts as failed and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for 5xx answers and timeouts.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubled on every retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When fewer requests than this remain, wait for the rate limit to reset before the next one.</summary>
    [Range(0, 5000)]
    public int RateLimitReserve { get; set; } = 50;

    /// <summary>Longest wait for a rate limit inside one run; a longer one interrupts the run, which resumes later.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:10:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Catalog files read from one repository: <c>catalog-info.yaml</c> and the Location targets it names.</summary>
    [Range(1, 10_000)]
    public int MaxCatalogFilesPerRepository { get; set; } = CatalogFileLimits.Default.MaxFiles;

    /// <summary>Bytes of one catalog file (and of CODEOWNERS); a larger file is not downloaded.</summary>
    [Range(1_000, 64_000_000)]
    public long MaxCatalogFileBytes { get; set; } = CatalogFileLimits.Default.MaxFileBytes;

    /// <summary>Bytes of all catalog files of one repository together.</summary>
    [Range(1_000, 640_000_000)]
    public long MaxCatalogBytesPerRepository { get; set; } = CatalogFileLimits.Default.MaxTotalBytes;

    /// <summary>The three limits above, as the reader takes them.</summary>
    public CatalogFileLimits CatalogLimits => new(MaxCatalogFilesPerRepository, MaxCatalogFileBytes, MaxCatalogBytesPerRepository);

    public bool Enabled => Organizations.Count > 0;

    /// <summary>Folds <see cref="Organization"/> into <see cref="Organizations"/> (run after binding).</summary>
    public void Normalize()
    {
        if (!string.IsNullOrWhiteSpace(Organization) && !Organizations.Contains(Organization.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            Organizations.Insert(0, Organization.Trim());
        }
    }

    public string AuthMode => AppId is not null ? "GitHub App" : Token is { Length: > 0 } ? "token" : "none";

    public bool IsExcluded(string name, IReadOnlyCollection<string> topics, bool archived, bool fork)
    {
        if ((SkipArchived && archived) || (SkipForks && fork))
        {
            return true;
        }

        if (ExcludeRepositories.Any(p => Wildcard(p).IsMatch(name)))
        {
            return true;
        }

        if (RequireTopics.Count > 0 && !topics.Any(t => RequireTopics.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            return true;
        }

        return topics.Any(t => ExcludeTopics.Contains(t, StringComparer.OrdinalIgnoreCase));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttps && ApiUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"{Section}:ApiUrl must be an absolute http(s) URL, not '{ApiUrl}'.", [nameof(ApiUrl)]);
        }

        if (AppId is not null && string.IsNullOrWhiteSpace(AppPrivateKey))
        {
            yield return new ValidationResult($"{Section}:AppPrivateKey is required when {Section}:AppId is set.", [nameof(AppPrivateKey)]);
        }

        if (AppId is not null && !string.IsNullOrWhiteSpace(Token))
        {
            yield return new ValidationResult($"Set either {Section}:Token or {Section}:AppId, not both.", [nameof(Token)]);
        }

        if (Enabled && AppId is null && string.IsNullOrWhiteSpace(Token))
        {
            yield return new ValidationResult(
                $"{Section}:Organizations is set but there is no credential: set {Section}:Token (env GitHub__Token) or {Section}:AppId and {Section}:AppPrivateKey.",
                [nameof(Token)]);
        }

        if (CronCheck.TryParse(SyncCron) is { } problem)
        {
            yield return new ValidationResult($"{Section}:SyncCron '{SyncCron}' is not a cron expression: {problem}", [nameof(SyncCron)]);
        }

        if (DebtLabel.Any(c => c is '"' or '\\' or ',' || char.IsControl(c)) || DebtLabel.Trim() != DebtLabel)
        {
            yield return new ValidationResult(
                $"{Section}:DebtLabel '{DebtLabel}' may not hold a double quote, a backslash, a comma or a control character (they change GitHub's search), nor start or end with spaces.",
                [nameof(DebtLabel)]);
        }

        foreach (var org in Organizations.Where(o => !Regex.IsMatch(o, "^[A-Za-z0-9][A-Za-z0-9-]{0,38}$")))
        {
            yield return new ValidationResult($"{Section}:Organizations: '{org}' is not a GitHub organisation name.", [nameof(Organizations)]);
        }
    }

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Five-field cron, checked the way Hangfire reads it.</summary>
    private static class CronCheck
    {
        public static string? TryParse(string expression)
        {
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is not (5 or 6))
            {
                return $"expected 5 fields (minute hour day month weekday), found {fields.Length}";
            }

            return fields.Any(f => !Regex.IsMatch(f, @"^[0-9A-Za-z*/,\-?#LW]+$")) ? "a field holds characters cron does not use" : null;
        }
    }
}
