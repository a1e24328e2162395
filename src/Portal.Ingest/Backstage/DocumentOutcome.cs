namespace Portal.Ingest.Backstage;

/// <summary>What one YAML document turned out to be.</summary>
internal sealed record DocumentOutcome(
    BackstageEntity? Entity,
    string? Kind,
    EntityKey? Key,
    string? EntityRef,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notices,
    IReadOnlyList<string> LocationTargets)
{
    public bool IsLocation => Kind == BackstageKinds.Location;

    /// <summary>The kind needs an owner and <c>spec.owner</c> is missing: the entity (if valid otherwise) has none yet.</summary>
    public bool MissingOwner { get; init; }
}
