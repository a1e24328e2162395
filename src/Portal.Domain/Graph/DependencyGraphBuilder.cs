using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>
/// Collects services, resources and edges by ref and hands out a <see cref="DependencyGraph"/>, so callers
/// (the catalog query, tests, fixtures) need not keep node indices themselves.
/// </summary>
public sealed class DependencyGraphBuilder
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly Dictionary<string, int> _byRef = new(StringComparer.Ordinal);

    public int NodeCount => _nodes.Count;

    public int EdgeCount => _edges.Count;

    public bool Contains(string nodeRef) => _byRef.ContainsKey(nodeRef);

    public DependencyGraphBuilder Service(string nodeRef, string? displayName = null, string? ownerTeam = null, string? system = null, int tier = 3) =>
        Add(nodeRef, displayName, NodeKind.Service, ownerTeam, system, tier);

    public DependencyGraphBuilder Resource(string nodeRef, string? displayName = null, string? ownerTeam = null, string? system = null, int tier = 3) =>
        Add(nodeRef, displayName, NodeKind.Resource, ownerTeam, system, tier);

    /// <summary>Adds a call from service <paramref name="from"/> to <paramref name="to"/>; both must have been added.</summary>
    public DependencyGraphBuilder Edge(
        string from,
        string to,
        InteractionKind kind = InteractionKind.SyncHttp,
        int? timeoutMs = null,
        int? retries = null,
        bool? backoff = null,
        bool? circuitBreaker = null,
        bool? fallback = null,
        bool? bulkhead = null,
        ResourceAccess? access = null)
    {
        _edges.Add(new GraphEdge(IndexOf(from), IndexOf(to), kind, timeoutMs, retries, backoff, circuitBreaker, fallback, bulkhead, access));
        return this;
    }

    /// <summary>Adds a shared-database edge from service <paramref name="from"/> to resource <paramref name="resource"/>.</summary>
    public DependencyGraphBuilder Uses(string from, string resource, ResourceAccess? access, int? timeoutMs = null, int? retries = null) =>
        Edge(from, resource, InteractionKind.SharedDatabase, timeoutMs, retries, access: access);

    public DependencyGraph Build() => new(_nodes, _edges);

    private DependencyGraphBuilder Add(string nodeRef, string? displayName, NodeKind kind, string? ownerTeam, string? system, int tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeRef);
        if (!_byRef.TryAdd(nodeRef, _nodes.Count))
        {
            throw new ArgumentException($"'{nodeRef}' was added twice", nameof(nodeRef));
        }

        _nodes.Add(new GraphNode(_nodes.Count, nodeRef, displayName ?? nodeRef, kind, ownerTeam, system, tier));
        return this;
    }

    private int IndexOf(string nodeRef) =>
        _byRef.TryGetValue(nodeRef, out var i) ? i : throw new ArgumentException($"'{nodeRef}' has not been added", nameof(nodeRef));
}
