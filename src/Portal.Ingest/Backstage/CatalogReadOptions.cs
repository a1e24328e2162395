namespace Portal.Ingest.Backstage;

/// <summary>How <see cref="BackstageCatalogReader"/> reads: the YAML limits, and what a source fills in.</summary>
public sealed record CatalogReadOptions
{
    /// <summary>Default limits, nothing filled in: every entity must name its owner.</summary>
    public static CatalogReadOptions Default { get; } = new();

    public YamlLimits Limits { get; init; } = YamlLimits.Default;

    /// <summary>
    /// The owner of an entity whose file names none, by the file's path (a repository's CODEOWNERS team);
    /// null, or a null answer, leaves <c>spec.owner</c> required.
    /// </summary>
    public Func<string, EntityKey?>? DefaultOwner { get; init; }

    /// <summary>
    /// An entity whose file names no owner (and gets no <see cref="DefaultOwner"/>) is read without an owning team
    /// instead of being rejected. Only the demo company uses this, to show services nobody owns; Backstage requires
    /// <c>spec.owner</c>, and every real source keeps requiring it.
    /// </summary>
    public bool AllowMissingOwner { get; init; }
}
