using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>One edge as findings show it: refs instead of indices, with the settings that explain the finding.</summary>
public sealed record EdgeRef(
    string From,
    string To,
    InteractionKind Kind,
    int? TimeoutMs,
    int? Retries,
    bool? Fallback,
    bool? CircuitBreaker,
    ResourceAccess? Access)
{
    public bool IsSynchronous => Kind.IsSynchronous();
}
