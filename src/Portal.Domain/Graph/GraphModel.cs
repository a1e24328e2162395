using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>What a node of the dependency graph stands for.</summary>
public enum NodeKind
{
    Service,
    Resource,
}

/// <summary>
/// A service or a resource as the graph analysis sees it: plain data copied out of the catalog, so the
/// algorithms run without a database. <see cref="Index"/> is the node's position in
/// <see cref="DependencyGraph.Nodes"/>; <see cref="Ref"/> must be unique across services and resources
/// (prefix resources, e.g. <c>resource:orders-db</c>, if their names can clash with services').
/// </summary>
/// <param name="Index">Position in <see cref="DependencyGraph.Nodes"/>.</param>
/// <param name="Ref">Unique reference, e.g. <c>payments</c> or <c>ops/payments</c>.</param>
/// <param name="DisplayName">Title if set, otherwise the name.</param>
/// <param name="Kind">Service or resource.</param>
/// <param name="OwnerTeam">Owner team reference; null when nobody owns it ("unowned" in findings).</param>
/// <param name="System">System reference; null when the node belongs to none.</param>
/// <param name="Tier">1 is most critical, 3 least.</param>
public sealed record GraphNode(
    int Index,
    string Ref,
    string DisplayName,
    NodeKind Kind,
    string? OwnerTeam,
    string? System,
    int Tier);

/// <summary>
/// A call from service <see cref="From"/> (node index) to a service or resource <see cref="To"/>, with
/// what is known about how it behaves under failure; null means "not declared".
/// </summary>
/// <param name="From">Index of the calling service.</param>
/// <param name="To">Index of the service or resource called.</param>
/// <param name="Kind">How it is called; <see cref="InteractionKind.Unknown"/> counts as synchronous.</param>
/// <param name="TimeoutMs">How long the caller waits for one attempt.</param>
/// <param name="Retries">Extra attempts after the first; one request makes up to <c>1 + Retries</c> attempts.</param>
/// <param name="Backoff">True when retries wait longer each time.</param>
/// <param name="CircuitBreaker">True when the caller stops calling a failing dependency for a while.</param>
/// <param name="Fallback">True when the caller can still answer (cached, degraded) without this dependency.</param>
/// <param name="Bulkhead">True when calls to this dependency have their own bounded pool.</param>
/// <param name="Access">For edges to resources: whether the caller reads, writes or both.</param>
public sealed record GraphEdge(
    int From,
    int To,
    InteractionKind Kind,
    int? TimeoutMs = null,
    int? Retries = null,
    bool? Backoff = null,
    bool? CircuitBreaker = null,
    bool? Fallback = null,
    bool? Bulkhead = null,
    ResourceAccess? Access = null)
{
    /// <summary>
    /// Worst-case time the caller can spend on one request over this edge, <c>TimeoutMs × (1 + Retries)</c>,
    /// with undeclared retries taken as none; null without a declared timeout.
    /// </summary>
    public long? WorstCaseMs => TimeoutMs is { } t ? (long)t * Attempts : null;

    /// <summary>Attempts one request can make: <c>1 + Retries</c>, undeclared retries taken as none.</summary>
    public int Attempts => 1 + Math.Max(0, Retries ?? 0);
}
