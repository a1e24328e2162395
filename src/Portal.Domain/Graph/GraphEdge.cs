using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

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
