namespace Portal.Domain.Catalog.Queries;

public sealed record DependencyDto(
    string Target,
    string TargetKind,
    string TargetDisplayName,
    InteractionKind Interaction,
    int? TimeoutMs,
    int? Retries,
    bool? Fallback,
    ResourceAccess? Access)
{
    public bool? Backoff { get; init; }

    public bool? CircuitBreaker { get; init; }

    public bool? Bulkhead { get; init; }
}
