namespace Portal.Domain.Catalog;

/// <summary>Backstage's common lifecycle values.</summary>
public enum Lifecycle
{
    Experimental,
    Production,
    Deprecated,
}

/// <summary>The kind of infrastructure a <see cref="Resource"/> is.</summary>
public enum ResourceType
{
    Database,
    Queue,
    Topic,
    Cache,
    Bucket,
    Cluster,
    Other,
}

/// <summary>How a service calls what it depends on.</summary>
public enum InteractionKind
{
    /// <summary>Imported from Backstage <c>dependsOn</c>: someone has yet to say how.</summary>
    Unknown,
    SyncHttp,
    SyncGrpc,
    AsyncEvent,
    AsyncQueue,
    SharedDatabase,
    Library,
}

/// <summary>How much a caller needs the dependency to serve its own requests.</summary>
public enum Criticality
{
    Low,
    Medium,
    High,
}

/// <summary>How a service uses a resource.</summary>
public enum ResourceAccess
{
    Read,
    Write,
    ReadWrite,
}

/// <summary>A person's role inside a team.</summary>
public enum MembershipRole
{
    Member,
    Lead,
    Manager,
}

/// <summary>Whether a service provides or consumes an API.</summary>
public enum ApiRelation
{
    Provides,
    Consumes,
}

public static class InteractionKindExtensions
{
    public static bool IsSynchronous(this InteractionKind kind) =>
        kind is InteractionKind.SyncHttp or InteractionKind.SyncGrpc or InteractionKind.Unknown;

    /// <summary>Kebab-case spelling used in catalog files and the API, e.g. <c>sync-http</c>.</summary>
    public static string ToWire(this InteractionKind kind) => kind switch
    {
        InteractionKind.SyncHttp => "sync-http",
        InteractionKind.SyncGrpc => "sync-grpc",
        InteractionKind.AsyncEvent => "async-event",
        InteractionKind.AsyncQueue => "async-queue",
        InteractionKind.SharedDatabase => "shared-database",
        InteractionKind.Library => "library",
        _ => "unknown",
    };

    public static InteractionKind? ParseWire(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "sync-http" => InteractionKind.SyncHttp,
        "sync-grpc" => InteractionKind.SyncGrpc,
        "async-event" => InteractionKind.AsyncEvent,
        "async-queue" => InteractionKind.AsyncQueue,
        "shared-database" => InteractionKind.SharedDatabase,
        "library" => InteractionKind.Library,
        "unknown" => InteractionKind.Unknown,
        _ => null,
    };
}
