using Portal.Domain.Catalog;
using Portal.Domain.Graph;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// The dependency graph with what the scorecard checks need per service worked out once, in linear time,
/// for every node: the synchronous knot it sits in, its deepest chain of calls it waits on, how much one
/// request to it can be multiplied by retries below it, and how long its own downstream calls may take.
/// Built once per evaluation run and then only read, so evaluating 10,000 services stays a lookup each.
/// </summary>
public sealed class ScorecardGraph
{
    private readonly int[] _knot;
    private readonly int[] _knotSize;
    private readonly int[] _chainDepth;
    private readonly int[] _chainNext;
    private readonly double[] _amplification;
    private readonly int[] _amplificationNext;
    private readonly long[] _budget;
    private readonly int[] _budgetEdge;
    private readonly Lifecycle[] _lifecycle;
    private Dictionary<int, List<int>>? _knotMembers;
    private Dictionary<int, string[]>? _knotRefs;

    /// <param name="graph">The dependency graph.</param>
    /// <param name="lifecycles">Lifecycle per service ref; services left out count as production.</param>
    public ScorecardGraph(DependencyGraph graph, IReadOnlyDictionary<string, Lifecycle>? lifecycles = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
        var n = graph.NodeCount;
        _lifecycle = new Lifecycle[n];
        for (var v = 0; v < n; v++)
        {
            _lifecycle[v] = lifecycles is not null && lifecycles.TryGetValue(graph.Nodes[v].Ref, out var l) ? l : Lifecycle.Production;
        }

        var dag = SyncDag.Build(graph);

        _knot = dag.Component;
        _knotSize = new int[dag.ComponentCount];
        foreach (var c in _knot)
        {
            _knotSize[c]++;
        }

        // A synchronous self-call is a knot of one.
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var edge = graph.Edges[e];
            if (edge.From == edge.To && graph.IsBlocking(e) && _knotSize[_knot[edge.From]] == 1)
            {
                _knotSize[_knot[edge.From]] = -1;
            }
        }

        _chainDepth = new int[n];
        _chainNext = new int[n];
        _amplification = new double[n];
        _amplificationNext = new int[n];
        Array.Fill(_chainNext, -1);
        Array.Fill(_amplification, 1d);
        Array.Fill(_amplificationNext, -1);

        // Sinks first: a node's callees in the DAG are final before the node is reached.
        foreach (var v in dag.SinksFirst)
        {
            var edges = graph.OutgoingEdges(v);
            var callees = graph.Callees(v);
            for (var i = 0; i < edges.Length; i++)
            {
                if (!dag.InDag[edges[i]])
                {
                    continue;
                }

                var w = callees[i];
                if (_chainDepth[w] + 1 > _chainDepth[v])
                {
                    _chainDepth[v] = _chainDepth[w] + 1;
                    _chainNext[v] = edges[i];
                }

                var factor = Math.Min(_amplification[w] * graph.Edges[edges[i]].Attempts, double.MaxValue);
                if (factor > _amplification[v])
                {
                    _amplification[v] = factor;
                    _amplificationNext[v] = edges[i];
                }
            }
        }

        _budget = new long[n];
        _budgetEdge = new int[n];
        Array.Fill(_budgetEdge, -1);
        for (var v = 0; v < n; v++)
        {
            foreach (var e in graph.OutgoingEdges(v))
            {
                if (graph.IsBlocking(e) && graph.Edges[e].WorstCaseMs is { } ms && ms > _budget[v])
                {
                    _budget[v] = ms;
                    _budgetEdge[v] = e;
                }
            }
        }
    }

    /// <summary>An empty graph: every graph-based check answers unknown.</summary>
    public static ScorecardGraph Empty { get; } = new(DependencyGraph.Empty);

    public DependencyGraph Graph { get; }

    /// <summary>The node index of a service, or -1 when it is not in the graph.</summary>
    public int IndexOf(string serviceRef) => Graph.TryGetIndex(serviceRef, out var v) ? v : -1;

    /// <summary>Services in the synchronous knot of <paramref name="node"/>, itself included; empty when it is in none.</summary>
    public IReadOnlyList<int> KnotOf(int node)
    {
        var size = _knotSize[_knot[node]];
        if (size == -1)
        {
            return [node];
        }

        if (size < 2)
        {
            return [];
        }

        var members = LazyInitializer.EnsureInitialized(ref _knotMembers, BuildKnotMembers);
        return members[_knot[node]];
    }

    /// <summary>
    /// The first <paramref name="take"/> refs, in ordinal order, of the other services in the synchronous knot of
    /// <paramref name="node"/>, and how many other services it has. The refs of each knot are sorted once per graph,
    /// so a knot of thousands costs each of its members a lookup, not a sort.
    /// </summary>
    public (IReadOnlyList<string> First, int Count) KnotOthers(int node, int take)
    {
        var knot = KnotOf(node);
        if (knot.Count < 2)
        {
            return ([], 0);
        }

        var sorted = LazyInitializer.EnsureInitialized(ref _knotRefs, BuildKnotRefs)[_knot[node]];
        var own = Graph.Nodes[node].Ref;
        var first = new List<string>(Math.Min(take, sorted.Length));
        for (var i = 0; i < sorted.Length && first.Count < take; i++)
        {
            if (!string.Equals(sorted[i], own, StringComparison.Ordinal))
            {
                first.Add(sorted[i]);
            }
        }

        return (first, knot.Count - 1);
    }

    /// <summary>The lifecycle of a node (resources count as production).</summary>
    public Lifecycle LifecycleOf(int node) => _lifecycle[node];

    /// <summary>Hops of the deepest chain of calls <paramref name="node"/> waits on, cut where it enters a synchronous knot.</summary>
    public int ChainDepth(int node) => _chainDepth[node];

    /// <summary>The edges of that chain, from <paramref name="node"/> down.</summary>
    public IReadOnlyList<int> ChainEdges(int node) => Follow(node, _chainNext);

    /// <summary>Requests one request to <paramref name="node"/> can become at the bottom of its worst path: ∏ (1 + retries).</summary>
    public double Amplification(int node) => _amplification[node];

    /// <summary>The edges of that worst path.</summary>
    public IReadOnlyList<int> AmplificationEdges(int node) => Follow(node, _amplificationNext);

    /// <summary>The longest time <paramref name="node"/> may spend on one of its own blocking calls (timeout × attempts), and that edge; -1 when none declares a timeout.</summary>
    public (long Ms, int Edge) Budget(int node) => (_budget[node], _budgetEdge[node]);

    /// <summary>"a → b → c" for a path of edges.</summary>
    public string Path(IReadOnlyList<int> edges) => GraphAnalysis.FormatPath(Graph, edges);

    /// <summary>"a → b" for one edge.</summary>
    public string Hop(int edge) => Graph.Nodes[Graph.Edges[edge].From].Ref + (Graph.IsBlocking(edge) ? " → " : " ⇢ ") + Graph.Nodes[Graph.Edges[edge].To].Ref;

    private List<int> Follow(int node, int[] next)
    {
        var edges = new List<int>();
        for (var e = next[node]; e >= 0 && edges.Count <= Graph.NodeCount; e = next[Graph.Edges[e].To])
        {
            edges.Add(e);
        }

        return edges;
    }

    private Dictionary<int, string[]> BuildKnotRefs()
    {
        var members = LazyInitializer.EnsureInitialized(ref _knotMembers, BuildKnotMembers);
        var refs = new Dictionary<int, string[]>(members.Count);
        foreach (var (knot, nodes) in members)
        {
            var sorted = nodes.Select(v => Graph.Nodes[v].Ref).ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            refs[knot] = sorted;
        }

        return refs;
    }

    private Dictionary<int, List<int>> BuildKnotMembers()
    {
        var members = new Dictionary<int, List<int>>();
        for (var v = 0; v < _knot.Length; v++)
        {
            if (_knotSize[_knot[v]] >= 2)
            {
                if (!members.TryGetValue(_knot[v], out var list))
                {
                    members[_knot[v]] = list = [];
                }

                list.Add(v);
            }
        }

        return members;
    }
}
