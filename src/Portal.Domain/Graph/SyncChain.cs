namespace Portal.Domain.Graph;

/// <summary>
/// The deepest chain of synchronous calls from an entry point (a service nobody calls). Latency is the
/// worst case from declared timeouts: Σ <c>TimeoutMs × (1 + Retries)</c>; hops without a timeout add
/// nothing to <see cref="KnownLatencyMs"/> and are counted in <see cref="HopsWithoutTimeout"/>, so the
/// real worst case is at least that much.
/// </summary>
public sealed record SyncChain(
    string EntryPoint,
    IReadOnlyList<string> Path,
    IReadOnlyList<EdgeRef> Hops,
    int Depth,
    long KnownLatencyMs,
    int HopsWithoutTimeout,
    string Summary,
    string Remedy) : IGraphFinding
{
    public bool LatencyIsComplete => HopsWithoutTimeout == 0;
}
