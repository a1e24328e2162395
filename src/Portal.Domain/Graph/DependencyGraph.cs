using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>
/// Services, resources and the calls between them, built once and then only read. Adjacency is kept
/// in compressed sparse rows (one offsets array and one flat array of edge ids per direction) rather
/// than lists of lists, so a traversal touches a few contiguous arrays: a breadth-first search over
/// 50,000 edges takes about a millisecond and allocates nothing but its own bookkeeping.
/// </summary>
public sealed class DependencyGraph
{
    private readonly GraphNode[] _nodes;
    private readonly GraphEdge[] _edges;
    private readonly IReadOnlyList<GraphNode> _nodeView;
    private readonly IReadOnlyList<GraphEdge> _edgeView;
    private readonly Dictionary<string, int> _byRef;

    // Row v of the outgoing side is [_outOffsets[v], _outOffsets[v + 1]); _outEdges holds edge ids and
    // _outTargets the matching callee, so the hot loops need not dereference the edge record.
    private readonly int[] _outOffsets;
    private readonly int[] _outEdges;
    private readonly int[] _outTargets;
    private readonly int[] _inOffsets;
    private readonly int[] _inEdges;
    private readonly int[] _inSources;
    private readonly bool[] _blocking;
    private int[]? _refRanks;

    /// <summary>
    /// Builds the graph. Each node's <see cref="GraphNode.Index"/> must equal its position, refs must be
    /// unique, and every edge must start at a service and end at a node of the graph.
    /// </summary>
    /// <exception cref="ArgumentException">The data breaks one of those rules; the message says which.</exception>
    public DependencyGraph(IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        _nodes = [.. nodes];
        _edges = [.. edges];
        _nodeView = Array.AsReadOnly(_nodes);
        _edgeView = Array.AsReadOnly(_edges);
        _byRef = new Dictionary<string, int>(_nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i] ?? throw new ArgumentException($"node {i} is null", nameof(nodes));
            if (node.Index != i)
            {
                throw new ArgumentException($"node '{node.Ref}' has index {node.Index} but sits at position {i}", nameof(nodes));
            }

            if (!_byRef.TryAdd(node.Ref, i))
            {
                throw new ArgumentException($"two nodes share the ref '{node.Ref}'", nameof(nodes));
            }
        }

        for (var e = 0; e < _edges.Length; e++)
        {
            var edge = _edges[e] ?? throw new ArgumentException($"edge {e} is null", nameof(edges));
            if ((uint)edge.From >= (uint)_nodes.Length || (uint)edge.To >= (uint)_nodes.Length)
            {
                throw new ArgumentException($"edge {e} ({edge.From} → {edge.To}) points outside the {_nodes.Length} nodes", nameof(edges));
            }

            if (_nodes[edge.From].Kind != NodeKind.Service)
            {
                throw new ArgumentException($"edge {e} starts at resource '{_nodes[edge.From].Ref}'; only services call", nameof(edges));
            }
        }

        (_outOffsets, _outEdges, _outTargets) = Rows(_nodes.Length, _edges, e => e.From, e => e.To);
        (_inOffsets, _inEdges, _inSources) = Rows(_nodes.Length, _edges, e => e.To, e => e.From);
        _blocking = new bool[_edges.Length];
        for (var e = 0; e < _edges.Length; e++)
        {
            var edge = _edges[e];
            _blocking[e] = edge.Kind.IsSynchronous()
                || (edge.Kind == InteractionKind.SharedDatabase && _nodes[edge.To].Kind == NodeKind.Resource);
        }
    }

    /// <summary>A graph with no nodes and no edges.</summary>
    public static DependencyGraph Empty { get; } = new([], []);

    /// <summary>Nodes by index; read-only, so no caller can change the graph under another.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodeView;

    /// <summary>Edges by id (input order); read-only like <see cref="Nodes"/>.</summary>
    public IReadOnlyList<GraphEdge> Edges => _edgeView;

    public int NodeCount => _nodes.Length;

    public int EdgeCount => _edges.Length;

    /// <summary>The index of the node with this ref (ordinal, case-sensitive).</summary>
    public bool TryGetIndex(string nodeRef, out int index) => _byRef.TryGetValue(nodeRef, out index);

    /// <summary>The node with this ref, or null.</summary>
    public GraphNode? Find(string nodeRef) => _byRef.TryGetValue(nodeRef, out var i) ? _nodes[i] : null;

    public bool IsService(int node) => _nodes[node].Kind == NodeKind.Service;

    /// <summary>Ids of the edges <paramref name="node"/> makes, in input order.</summary>
    public ReadOnlySpan<int> OutgoingEdges(int node) => Row(_outEdges, _outOffsets, node);

    /// <summary>The nodes <paramref name="node"/> calls, parallel to <see cref="OutgoingEdges"/> (repeats for parallel edges).</summary>
    public ReadOnlySpan<int> Callees(int node) => Row(_outTargets, _outOffsets, node);

    /// <summary>Ids of the edges that reach <paramref name="node"/>, in input order.</summary>
    public ReadOnlySpan<int> IncomingEdges(int node) => Row(_inEdges, _inOffsets, node);

    /// <summary>The services that call <paramref name="node"/>, parallel to <see cref="IncomingEdges"/>.</summary>
    public ReadOnlySpan<int> Callers(int node) => Row(_inSources, _inOffsets, node);

    /// <summary>
    /// Each node's position when all refs are sorted ordinally (<c>RefRanks[v] &lt; RefRanks[w]</c> exactly when v's
    /// ref sorts before w's), worked out on first use: sorting by it is sorting by ref without comparing strings.
    /// </summary>
    internal int[] RefRanks => LazyInitializer.EnsureInitialized(ref _refRanks, BuildRefRanks);

    /// <summary>
    /// Whether the caller waits on this edge, so its failure becomes the caller's: synchronous calls
    /// (<see cref="InteractionKind.Unknown"/> included, pessimistically) and shared-database use of a resource.
    /// </summary>
    public bool IsBlocking(int edge) => _blocking[edge];

    private int[] BuildRefRanks()
    {
        var order = new int[_nodes.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(_nodes[a].Ref, _nodes[b].Ref));
        var ranks = new int[_nodes.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ranks[order[i]] = i;
        }

        return ranks;
    }

    private static ReadOnlySpan<int> Row(int[] values, int[] offsets, int node) =>
        values.AsSpan(offsets[node], offsets[node + 1] - offsets[node]);

    // Counting sort by key: stable, so each row keeps the input order and results are deterministic.
    private static (int[] Offsets, int[] EdgeIds, int[] Others) Rows(
        int nodeCount, GraphEdge[] edges, Func<GraphEdge, int> key, Func<GraphEdge, int> other)
    {
        var offsets = new int[nodeCount + 1];
        foreach (var edge in edges)
        {
            offsets[key(edge) + 1]++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var cursor = offsets[..nodeCount];
        var ids = new int[edges.Length];
        var others = new int[edges.Length];
        for (var e = 0; e < edges.Length; e++)
        {
            var slot = cursor[key(edges[e])]++;
            ids[slot] = e;
            others[slot] = other(edges[e]);
        }

        return (offsets, ids, others);
    }
}
