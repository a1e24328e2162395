namespace Portal.Ingest.Backstage;

/// <summary>
/// Annotations that carry Portal fields Backstage has no place for. On import they set the field and
/// are not kept among the entity's annotations; on export they are written from the field. Everything
/// else in <c>metadata.annotations</c> is kept as it is.
/// </summary>
public static class PortalAnnotations
{
    public const string Prefix = "portal/";

    /// <summary>Service tier, <c>1</c> (most critical) to <c>3</c>.</summary>
    public const string Tier = Prefix + "tier";

    /// <summary>Repository URL when it is not <c>https://github.com/{github.com/project-slug}</c>.</summary>
    public const string Repository = Prefix + "repository";

    /// <summary>A team's chat channel, e.g. <c>#payments</c>.</summary>
    public const string ContactChannel = Prefix + "contact-channel";

    /// <summary>Backstage's well-known annotation naming a GitHub repository as <c>org/repo</c>.</summary>
    public const string GitHubProjectSlug = "github.com/project-slug";

    public static bool IsReserved(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
