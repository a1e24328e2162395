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

    /// <summary>
    /// A person's phone number, e.g. <c>+44 20 7946 0123</c>, shown with whoever is on call. Backstage's User
    /// <c>spec.profile</c> holds only <c>displayName</c>, <c>email</c> and <c>picture</c>, so the number travels as
    /// an annotation; a file without it leaves the stored number alone (people may enter theirs in Portal).
    /// </summary>
    public const string Phone = Prefix + "phone";

    /// <summary>Backstage's well-known annotation naming a GitHub repository as <c>org/repo</c>.</summary>
    public const string GitHubProjectSlug = "github.com/project-slug";

    public static bool IsReserved(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
