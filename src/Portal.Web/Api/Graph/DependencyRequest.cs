using Portal.Domain.Catalog;

namespace Portal.Web.Api.Graph;

/// <summary>Body of <c>PUT /api/v1/services/{name}/dependencies/{target}</c>.</summary>
public sealed record DependencyRequest(
    string Kind,
    int? TimeoutMs,
    int? Retries,
    bool? Backoff,
    bool? CircuitBreaker,
    bool? Fallback,
    bool? Bulkhead,
    Criticality? Criticality,
    ResourceAccess? Access);
