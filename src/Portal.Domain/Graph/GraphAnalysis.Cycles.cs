using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

public static partial class GraphAnalysis
{
    /// <summary>
    /// Groups of services that call each other round in a circle (strongly connected components of size two
    /// or more over service-to-service edges of every kind, plus services that call themselves), each with
    /// its edges, one shortest loop, and whether the services can go round synchronously. Synchronous ones
    /// come first, then larger ones; at most <paramref name="limit"/> of them when it is set. A knot of thousands
    /// lists at most <paramref name="maxListed"/> of its services and edges (the counts say how many there are).
    /// </summary>
    public static IReadOnlyList<DependencyCycle> FindCycles(DependencyGraph graph, int? limit = null, int? maxListed = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed ?? 0, nameof(maxListed));
        return FindCycles(graph, SyncDag.Build(graph), limit, maxListed);
    }

    internal static IReadOnlyList<DependencyCycle> FindCycles(DependencyGraph graph, SyncDag dag, int? limit, int? maxListed)
    {
        var toService = new bool[graph.EdgeCount];
        for (var e = 0; e < toService.Length; e++)
        {
            toService[e] = graph.IsService(graph.Edges[e].To);
        }

        var component = StronglyConnected.Components(graph, toService, out var count);
        var size = new int[count];
        foreach (var c in component)
        {
            size[c]++;
        }

        // A loop inside the component is synchronous when a synchronous component (same members, sync
        // edges only) still has two members or a synchronous self-call. Resources are never in a loop, so
        // the DAG's components over blocking edges are exactly those over synchronous service calls.
        var syncSize = new int[dag.ComponentCount];
        foreach (var c in dag.Component)
        {
            syncSize[c]++;
        }

        var selfLoop = new bool[count];
        var syncSelfLoop = new bool[dag.ComponentCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var edge = graph.Edges[e];
            if (edge.From == edge.To && toService[e])
            {
                selfLoop[component[edge.From]] = true;
                syncSelfLoop[dag.Component[edge.From]] |= graph.IsBlocking(e);
            }
        }

        // Rank the knots first and describe only those kept: describing means a search and a few strings each.
        var members = StronglyConnected.OrderByComponent(component, count);
        var knots = new List<(int Component, int Start, int SyncSeed, string FirstRef)>();
        for (int start = 0, c = 0; c < count; start += size[c], c++)
        {
            if (size[c] < 2 && !selfLoop[c])
            {
                continue;
            }

            var syncSeed = -1;
            var firstRef = graph.Nodes[members[start]].Ref;
            for (var i = start; i < start + size[c]; i++)
            {
                var v = members[i];
                var sc = dag.Component[v];
                if (syncSeed < 0 && (syncSize[sc] > 1 || syncSelfLoop[sc]))
                {
                    syncSeed = v;
                }

                if (string.CompareOrdinal(graph.Nodes[v].Ref, firstRef) < 0)
                {
                    firstRef = graph.Nodes[v].Ref;
                }
            }

            knots.Add((c, start, syncSeed, firstRef));
        }

        knots.Sort((a, b) =>
            (a.SyncSeed >= 0) != (b.SyncSeed >= 0) ? (b.SyncSeed >= 0).CompareTo(a.SyncSeed >= 0)
            : size[a.Component] != size[b.Component] ? size[b.Component].CompareTo(size[a.Component])
            : string.CompareOrdinal(a.FirstRef, b.FirstRef));

        var finder = new LoopFinder(graph);
        var cycles = new List<DependencyCycle>();
        foreach (var (c, start, syncSeed, _) in Limit(knots, limit))
        {
            var nodes = members.AsSpan(start, size[c]).ToArray();
            var example = syncSeed >= 0
                ? finder.ShortestLoop(syncSeed, e => graph.IsBlocking(e) && dag.Component[graph.Edges[e].To] == dag.Component[syncSeed])
                : finder.ShortestLoop(nodes[0], e => toService[e] && component[graph.Edges[e].To] == c);

            var edges = new List<int>();
            foreach (var v in nodes)
            {
                foreach (var e in graph.OutgoingEdges(v))
                {
                    if (toService[e] && component[graph.Edges[e].To] == c)
                    {
                        edges.Add(e);
                    }
                }
            }

            cycles.Add(DescribeCycle(graph, nodes, edges, example, syncSeed >= 0, maxListed));
        }

        return cycles;
    }

    private static DependencyCycle DescribeCycle(DependencyGraph graph, int[] nodes, List<int> edges, List<int> example, bool synchronous, int? maxListed)
    {
        var services = Limit(nodes.Select(v => graph.Nodes[v].Ref).Order(StringComparer.Ordinal), maxListed).ToList();
        var path = new List<string>(example.Count + 1) { graph.Nodes[graph.Edges[example[0]].From].Ref };
        path.AddRange(example.Select(e => graph.Nodes[graph.Edges[e].To].Ref));
        var loop = FormatPath(graph, example);
        var whole = nodes.Length > example.Count
            ? Invariant($" The whole knot has {Plural(nodes.Length, "service", "services")} and {Plural(edges.Count, "edge", "edges")}.")
            : "";

        string summary, remedy;
        if (synchronous)
        {
            var last = example[^1];
            summary = example.Count == 1
                ? $"{path[0]} calls itself synchronously: {loop}.{whole}"
                : $"{loop} is a synchronous cycle: each service waits on the next, so one slow or failing member holds up all of them " +
                  $"and a request can go round until timeouts fire.{whole}";
            remedy = example.Count == 1
                ? $"Let {path[0]} do the work in-process, or move it behind a queue, instead of calling itself."
                : $"Break the loop: turn one call into an event (for example {graph.Nodes[graph.Edges[last].From].Ref} → " +
                  $"{graph.Nodes[graph.Edges[last].To].Ref}), merge the services, or move the shared logic to one side. " +
                  "Until then give every hop a timeout shorter than its caller's.";
        }
        else
        {
            var broken = example.Where(e => !graph.IsBlocking(e)).Select(e => Invariant(
                $"{graph.Nodes[graph.Edges[e].From].Ref} ⇢ {graph.Nodes[graph.Edges[e].To].Ref} ({graph.Edges[e].Kind.ToWire()})"));
            summary = $"{loop} is a loop broken by an asynchronous edge ({Names(broken)}): no request waits on itself, " +
                $"but an event can travel round and round.{whole}";
            remedy = "Make the consumers idempotent and make sure an event cannot trigger itself again (carry a causation id, " +
                "drop what was already handled); keep the synchronous edges of the loop from becoming a synchronous cycle.";
        }

        // Cut short, the edges listed start with the example loop's, so what is shown still goes round.
        var listedEdges = maxListed is { } max && edges.Count > max
            ? example.Concat(edges.Except(example)).Take(max)
            : edges;
        return new DependencyCycle(
            services, nodes.Length, [.. listedEdges.Select(e => ToEdgeRef(graph, e))], edges.Count, synchronous, path, summary, remedy);
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> are in the same knot of <see cref="FindCycles(DependencyGraph, int?, int?)"/>
    /// (each reaches the other over service-to-service calls of any kind), for finding a node's knot when its
    /// list of services was cut short. Two walks over the graph; false when either ref is not in it.
    /// </summary>
    public static bool InSameCycle(DependencyGraph graph, string a, string b)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!graph.TryGetIndex(a, out var from) || !graph.TryGetIndex(b, out var to))
        {
            return false;
        }

        return from == to
            ? Reaches(graph, from, from)
            : Reaches(graph, from, to) && Reaches(graph, to, from);
    }

    /// <summary>Whether a walk of at least one service-to-service call leads from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static bool Reaches(DependencyGraph graph, int from, int to)
    {
        var seen = new bool[graph.NodeCount];
        var stack = new Stack<int>();
        stack.Push(from);
        while (stack.TryPop(out var v))
        {
            foreach (var w in graph.Callees(v))
            {
                if (w == to)
                {
                    return true;
                }

                if (!seen[w] && graph.IsService(w))
                {
                    seen[w] = true;
                    stack.Push(w);
                }
            }
        }

        return false;
    }

    /// <summary>Breadth-first search for a shortest loop back to a start node, reusing its arrays between calls.</summary>
    private sealed class LoopFinder(DependencyGraph graph)
    {
        private readonly int[] _seen = new int[graph.NodeCount];
        private readonly int[] _via = new int[graph.NodeCount];
        private readonly int[] _queue = new int[graph.NodeCount];
        private int _stamp;

        /// <summary>Edge ids of a shortest loop from <paramref name="start"/> back to itself over allowed edges; the caller knows one exists.</summary>
        public List<int> ShortestLoop(int start, Func<int, bool> allowed)
        {
            _stamp++;
            int head = 0, tail = 0;
            _seen[start] = _stamp;
            _queue[tail++] = start;
            while (head < tail)
            {
                var v = _queue[head++];
                var edges = graph.OutgoingEdges(v);
                var callees = graph.Callees(v);
                for (var i = 0; i < edges.Length; i++)
                {
                    var w = callees[i];
                    if (!allowed(edges[i]))
                    {
                        continue;
                    }

                    if (w == start)
                    {
                        var loop = new List<int> { edges[i] };
                        for (var at = v; at != start; at = graph.Edges[_via[at]].From)
                        {
                            loop.Add(_via[at]);
                        }

                        loop.Reverse();
                        return loop;
                    }

                    if (_seen[w] != _stamp)
                    {
                        _seen[w] = _stamp;
                        _via[w] = edges[i];
                        _queue[tail++] = w;
                    }
                }
            }

            throw new InvalidOperationException($"no loop through '{graph.Nodes[start].Ref}' although its component has one");
        }
    }
}
