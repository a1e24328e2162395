using Portal.Domain.Catalog;

namespace Portal.Ingest.Backstage;

/// <summary>
/// A catalog entity read and validated from a file, with values already normalised the way the
/// domain stores them (trimmed title, lower-case sorted tags…), so comparing with a stored record is exact.
/// References are parsed but not resolved: that needs the rest of the import and the database.
/// </summary>
public abstract record BackstageEntity
{
    public required EntityKey Key { get; init; }

    /// <summary>File relative to the import root.</summary>
    public required string File { get; init; }

    /// <summary>1-based position of the document in its file.</summary>
    public required int Document { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary><c>metadata.annotations</c> without Portal's own (<see cref="PortalAnnotations"/>), which map onto fields.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The owning group (Component, API, Resource, System, Domain); null for groups and users.</summary>
    public EntityKey? Owner { get; init; }
}

/// <summary>Backstage <c>Component</c>, stored as a <see cref="Service"/>.</summary>
public sealed record BackstageComponent : BackstageEntity
{
    public required string Type { get; init; }

    public required Lifecycle Lifecycle { get; init; }

    public EntityKey? System { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<ServiceLink> Links { get; init; } = [];

    /// <summary>From <c>portal/repository</c> or <c>github.com/project-slug</c>; null leaves the stored value alone.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>From <c>portal/tier</c>; null leaves the stored tier alone.</summary>
    public int? Tier { get; init; }

    /// <summary>Components (<c>component:</c>) and resources (<c>resource:</c>) this one depends on.</summary>
    public IReadOnlyList<EntityKey> DependsOn { get; init; } = [];

    public IReadOnlyList<EntityKey> ProvidesApis { get; init; } = [];

    public IReadOnlyList<EntityKey> ConsumesApis { get; init; } = [];

    /// <summary>Portal's <c>spec.interactions</c> extension: how each dependency is called.</summary>
    public IReadOnlyList<BackstageInteraction> Interactions { get; init; } = [];
}

/// <summary>
/// One entry of <c>spec.interactions</c>. Null <see cref="Kind"/> and <see cref="Access"/> leave the
/// edge's value alone (new edges get the dependsOn default); null resilience settings and criticality
/// mean "not known" and are written as such.
/// </summary>
public sealed record BackstageInteraction(
    EntityKey Target,
    InteractionKind? Kind,
    int? TimeoutMs,
    int? Retries,
    bool? Backoff,
    bool? CircuitBreaker,
    bool? Fallback,
    bool? Bulkhead,
    Criticality? Criticality,
    ResourceAccess? Access);

/// <summary>Backstage <c>API</c>, stored as an <see cref="Api"/>.</summary>
public sealed record BackstageApi : BackstageEntity
{
    public required string Type { get; init; }

    public required Lifecycle Lifecycle { get; init; }

    public EntityKey? System { get; init; }

    /// <summary>
    /// The definition text; a <c>$text</c>/<c>$json</c>/<c>$yaml</c> placeholder is kept as written
    /// (<c>$text: ./openapi.yaml</c>), and <c>spec.remotes</c> of MCP and model servers as YAML text.
    /// </summary>
    public required string Definition { get; init; }
}

/// <summary>Backstage <c>Resource</c>, stored as a <see cref="Resource"/>.</summary>
public sealed record BackstageResource : BackstageEntity
{
    public required ResourceType Type { get; init; }

    public EntityKey? System { get; init; }
}

/// <summary>Backstage <c>System</c>, stored as a <see cref="SoftwareSystem"/>.</summary>
public sealed record BackstageSystem : BackstageEntity
{
    public EntityKey? Domain { get; init; }
}

/// <summary>Backstage <c>Domain</c>, stored as a <see cref="BusinessDomain"/>.</summary>
public sealed record BackstageDomain : BackstageEntity;

/// <summary>Backstage <c>Group</c>, stored as a <see cref="Team"/>. <see cref="BackstageEntity.Title"/> is the profile's display name.</summary>
public sealed record BackstageGroup : BackstageEntity
{
    public required string Type { get; init; }

    public string? Email { get; init; }

    /// <summary>From <c>portal/contact-channel</c>; null leaves the stored channel alone.</summary>
    public string? ContactChannel { get; init; }

    public EntityKey? Parent { get; init; }

    public IReadOnlyList<EntityKey> Children { get; init; } = [];

    public IReadOnlyList<EntityKey> Members { get; init; } = [];

    /// <summary>
    /// Set by sources that know each member's role (the GitHub team sync: maintainers lead). Then the team's
    /// members are exactly <see cref="Members"/>, with these roles; otherwise members are added as members
    /// and the roles people gave them in Portal are kept.
    /// </summary>
    public IReadOnlyDictionary<EntityKey, MembershipRole>? MemberRoles { get; init; }
}

/// <summary>Backstage <c>User</c>, stored as a <see cref="Person"/>. <see cref="BackstageEntity.Title"/> is the profile's display name.</summary>
public sealed record BackstageUser : BackstageEntity
{
    public string? Email { get; init; }

    /// <summary>From <c>portal/phone</c>, normalised; null leaves the stored number alone.</summary>
    public string? Phone { get; init; }

    public IReadOnlyList<EntityKey> MemberOf { get; init; } = [];
}
