namespace Portal.Domain.Catalog.Commands;

/// <summary>How a service calls one of its dependencies, as owners describe it.</summary>
public sealed record DependencyEdit(
    InteractionKind Kind,
    int? TimeoutMs = null,
    int? Retries = null,
    bool? Backoff = null,
    bool? CircuitBreaker = null,
    bool? Fallback = null,
    bool? Bulkhead = null,
    Criticality? Criticality = null,
    ResourceAccess? Access = null);
