namespace Portal.Domain.Graph;

/// <summary>
/// Chooses what a dependency picture shows: the neighbourhood of one node, one team's or one system's part,
/// or, past <see cref="GroupingThreshold"/> nodes, boxes per team or system with aggregated arrows.
/// </summary>
public static class GraphSubsets
{
    /// <summary>Above this many nodes a picture is unreadable node by node; group it instead.</summary>
    public const int GroupingThreshold = 300;

    /// <summary>Group name for nodes without a system.</summary>
    public const string NoSystem = "no system";

    public const int MaxFocusDepth = 3;

    /// <summary>
    /// The nodes within <paramref name="depth"/> hops (clamped to 1..3) of <paramref name="nodeRef"/>, following
    /// the edges it makes (what it depends on) and, when <paramref name="bothDirections"/>, also those it receives
    /// (who depends on it); plus every edge between two of them. Nodes are in breadth-first order, the focused
    /// one first, so a layout can place rings by distance.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="nodeRef"/> is not in the graph.</exception>
    public static GraphSubset Focus(DependencyGraph graph, string nodeRef, int depth, bool bothDirections)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!graph.TryGetIndex(nodeRef, out var center))
        {
            throw new ArgumentException($"'{nodeRef}' is not in the dependency graph", nameof(nodeRef));
        }

        depth = Math.Clamp(depth, 1, MaxFocusDepth);
        var distance = new int[graph.NodeCount];
        Array.Fill(distance, -1);
        var order = new List<int> { center };
        distance[center] = 0;
        for (var head = 0; head < order.Count; head++)
        {
            var v = order[head];
            if (distance[v] == depth)
            {
                continue;
            }

            Visit(graph.Callees(v));
            if (bothDirections)
            {
                Visit(graph.Callers(v));
            }

            void Visit(ReadOnlySpan<int> neighbours)
            {
                foreach (var w in neighbours)
                {
                    if (distance[w] == -1)
                    {
                        distance[w] = distance[v] + 1;
                        order.Add(w);
                    }
                }
            }
        }

        var inside = new bool[graph.NodeCount];
        order.ForEach(v => inside[v] = true);
        return new GraphSubset(order, EdgesAmong(graph, order, inside, (_, _) => true));
    }

    /// <summary>
    /// A team's services and resources; with <paramref name="withNeighbours"/>, also whatever they call or is
    /// called by them, so the team's outside connections show. Edges shown touch at least one of the team's nodes.
    /// Team names compare case-insensitively.
    /// </summary>
    public static GraphSubset ForTeam(DependencyGraph graph, string team, bool withNeighbours = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Part(graph, n => string.Equals(n.OwnerTeam, team, StringComparison.OrdinalIgnoreCase), withNeighbours);
    }

    /// <summary>A system's services and resources, like <see cref="ForTeam"/>.</summary>
    public static GraphSubset ForSystem(DependencyGraph graph, string system, bool withNeighbours = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Part(graph, n => string.Equals(n.System, system, StringComparison.OrdinalIgnoreCase), withNeighbours);
    }

    /// <summary>
    /// Folds <paramref name="nodes"/> into one group per team or system, with one arrow per pair of groups
    /// counting the edges between their nodes (edges leaving <paramref name="nodes"/> are left out). Largest
    /// group first; arrows by count.
    /// </summary>
    public static GroupedGraph GroupBy(DependencyGraph graph, IReadOnlyCollection<int> nodes, GroupKey key)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodes);
        var groupOf = new string?[graph.NodeCount];
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var v in nodes.Distinct().Order())
        {
            var name = KeyOf(graph.Nodes[v], key);
            groupOf[v] = name;
            if (!members.TryGetValue(name, out var list))
            {
                members[name] = list = [];
            }

            list.Add(v);
        }

        var internalEdges = new Dictionary<string, int>(StringComparer.Ordinal);
        var arrows = new Dictionary<(string From, string To), (int Count, int Sync)>();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var edge = graph.Edges[e];
            if (groupOf[edge.From] is not { } from || groupOf[edge.To] is not { } to)
            {
                continue;
            }

            if (from == to)
            {
                internalEdges[from] = internalEdges.GetValueOrDefault(from) + 1;
                continue;
            }

            var a = arrows.GetValueOrDefault((from, to));
            arrows[(from, to)] = (a.Count + 1, a.Sync + (graph.IsBlocking(e) ? 1 : 0));
        }

        var groups = members
            .Select(m => new NodeGroup(
                m.Key,
                m.Value,
                m.Value.Count(graph.IsService),
                m.Value.Count(v => !graph.IsService(v)),
                internalEdges.GetValueOrDefault(m.Key)))
            .OrderByDescending(g => g.Nodes.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var edges = arrows
            .Select(a => new GroupEdge(a.Key.From, a.Key.To, a.Value.Count, a.Value.Sync))
            .OrderByDescending(a => a.Count)
            .ThenBy(a => a.From, StringComparer.Ordinal)
            .ThenBy(a => a.To, StringComparer.Ordinal)
            .ToList();
        return new GroupedGraph(key, groups, edges);
    }

    private static string KeyOf(GraphNode node, GroupKey key) => key switch
    {
        GroupKey.Team => GraphAnalysis.TeamOf(node),
        GroupKey.System => node.System ?? NoSystem,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown grouping"),
    };

    private static GraphSubset Part(DependencyGraph graph, Func<GraphNode, bool> belongs, bool withNeighbours)
    {
        var core = new bool[graph.NodeCount];
        var inside = new bool[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            core[v] = inside[v] = belongs(graph.Nodes[v]);
        }

        if (withNeighbours)
        {
            foreach (var edge in graph.Edges)
            {
                if (core[edge.From] || core[edge.To])
                {
                    inside[edge.From] = inside[edge.To] = true;
                }
            }
        }

        var nodes = Enumerable.Range(0, graph.NodeCount).Where(v => inside[v]).ToList();
        return new GraphSubset(nodes, EdgesAmong(graph, nodes, inside, (from, to) => core[from] || core[to]));
    }

    private static List<int> EdgesAmong(DependencyGraph graph, List<int> nodes, bool[] inside, Func<int, int, bool> keep)
    {
        var edges = new List<int>();
        foreach (var v in nodes)
        {
            var ids = graph.OutgoingEdges(v);
            var callees = graph.Callees(v);
            for (var i = 0; i < ids.Length; i++)
            {
                if (inside[callees[i]] && keep(v, callees[i]))
                {
                    edges.Add(ids[i]);
                }
            }
        }

        edges.Sort();
        return edges;
    }
}
