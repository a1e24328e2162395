namespace Portal.Domain.Catalog;

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
