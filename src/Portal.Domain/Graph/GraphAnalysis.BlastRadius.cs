namespace Portal.Domain.Graph;

public static partial class GraphAnalysis
{
    /// <summary>
    /// Every service that can fail when <paramref name="nodeRef"/> (a service or a resource) fails. Failure
    /// travels upstream, from callee to caller, over edges the caller waits on (synchronous calls, unknown
    /// ones included, and shared-database use of a resource); by default it stops at asynchronous edges and
    /// at edges with a fallback. Breadth-first, so each impacted service comes with a shortest path.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="nodeRef">The failing node.</param>
    /// <param name="options">How failure spreads.</param>
    /// <param name="skip">How many transitive dependents (nearest first) to leave out of <see cref="BlastRadiusResult.Transitive"/>.</param>
    /// <param name="take">
    /// At most this many transitive dependents in <see cref="BlastRadiusResult.Transitive"/>; null for all. The
    /// counts and the summary always cover the whole radius; paths are built only for the services returned,
    /// so a radius of thousands costs little more than the walk when a page of it is asked for.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="nodeRef"/> is not in the graph.</exception>
    public static BlastRadiusResult BlastRadius(DependencyGraph graph, string nodeRef, BlastRadiusOptions? options = null, int skip = 0, int? take = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.TryGetIndex(nodeRef, out var node)
            ? BlastRadius(graph, node, options, skip, take)
            : throw new ArgumentException($"'{nodeRef}' is not in the dependency graph", nameof(nodeRef));
    }

    /// <inheritdoc cref="BlastRadius(DependencyGraph, string, BlastRadiusOptions?, int, int?)"/>
    public static BlastRadiusResult BlastRadius(DependencyGraph graph, int node, BlastRadiusOptions? options = null, int skip = 0, int? take = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)node, (uint)graph.NodeCount, nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take ?? 0, nameof(take));
        var o = options ?? BlastRadiusOptions.Default;

        var n = graph.NodeCount;
        var depth = new int[n];
        Array.Fill(depth, -1);
        var via = new int[n]; // via[u]: the edge u → … that first reached u, i.e. the next hop towards the failing node
        var queue = new int[n];
        int head = 0, tail = 0;
        depth[node] = 0;
        queue[tail++] = node;
        while (head < tail)
        {
            var v = queue[head++];
            if (depth[v] >= o.MaxDepth)
            {
                continue;
            }

            var edges = graph.IncomingEdges(v);
            var callers = graph.Callers(v);
            for (var i = 0; i < edges.Length; i++)
            {
                var u = callers[i];
                if (depth[u] == -1 && Spreads(graph, edges[i], o))
                {
                    depth[u] = depth[v] + 1;
                    via[u] = edges[i];
                    queue[tail++] = u;
                }
            }
        }

        // The queue holds the impacted services level by level (BFS order). The answer lists them by depth, then
        // by ref, so it does not depend on edge order; only the levels a caller gets to see need sorting.
        var rank = graph.RefRanks;
        var keys = new int[tail];
        for (var q = 1; q < tail; q++)
        {
            keys[q] = rank[queue[q]];
        }

        var directEnd = 1;
        while (directEnd < tail && depth[queue[directEnd]] == 1)
        {
            directEnd++;
        }

        Array.Sort(keys, queue, 1, directEnd - 1);
        var transitiveCount = tail - directEnd;
        var from = directEnd + Math.Min(skip, transitiveCount);
        var to = take is { } t ? (int)Math.Min((long)from + t, tail) : tail;
        for (var start = directEnd; start < to;)
        {
            var end = start;
            while (end < tail && depth[queue[end]] == depth[queue[start]])
            {
                end++;
            }

            if (end > from)
            {
                Array.Sort(keys, queue, start, end - start);
            }

            start = end;
        }

        var failing = graph.Nodes[node].Ref;
        var direct = new List<ImpactedService>(directEnd - 1);
        var directEdges = new List<int>(directEnd - 1);
        for (var q = 1; q < directEnd; q++)
        {
            direct.Add(Impacted(graph, queue[q], depth, via));
            directEdges.Add(via[queue[q]]);
        }

        var transitive = new List<ImpactedService>(to - from);
        for (var q = from; q < to; q++)
        {
            transitive.Add(Impacted(graph, queue[q], depth, via));
        }

        // The farthest service: the deepest level's last by ref, whether or not it is on the page.
        ImpactedService? farthest = null;
        if (tail > 1)
        {
            var last = queue[tail - 1];
            for (var q = tail - 1; q >= 1 && depth[queue[q]] == depth[last]; q--)
            {
                if (keys[q] > rank[last])
                {
                    last = queue[q];
                }
            }

            farthest = Impacted(graph, last, depth, via);
        }

        var (summary, remedy) = DescribeBlastRadius(graph, failing, direct, transitiveCount, farthest, directEdges);
        return new BlastRadiusResult(failing, direct, transitive, tail - 1, summary, remedy);
    }

    /// <summary>A service reached by the walk, with its path down to the failing node (following <paramref name="via"/>).</summary>
    private static ImpactedService Impacted(DependencyGraph graph, int u, int[] depth, int[] via)
    {
        var path = new string[depth[u] + 1];
        path[0] = graph.Nodes[u].Ref;
        for (int h = 1, at = u; h < path.Length; h++)
        {
            at = graph.Edges[via[at]].To;
            path[h] = graph.Nodes[at].Ref;
        }

        return new ImpactedService(path[0], graph.Nodes[u].DisplayName, depth[u], path);
    }

    internal static bool Spreads(DependencyGraph graph, int edge, BlastRadiusOptions options) =>
        (options.FollowAsync || graph.IsBlocking(edge)) && !(options.StopAtFallback && graph.Edges[edge].Fallback == true);

    private static (string Summary, string Remedy) DescribeBlastRadius(
        DependencyGraph graph, string failing, List<ImpactedService> direct, int transitiveCount, ImpactedService? farthest, List<int> directEdges)
    {
        var count = direct.Count + transitiveCount;
        if (count == 0 || farthest is null)
        {
            return (
                $"If {failing} fails, no other service fails with it: nothing waits on it without a fallback.",
                "Nothing to do now; keep it that way by making new callers asynchronous or giving them a fallback.");
        }

        var summary = Invariant(
            $"If {failing} fails, {Plural(count, "service", "services")} can fail with it: {direct.Count:N0} directly ({Names(direct.Select(d => d.Ref))})") +
            (transitiveCount > 0 ? Invariant($" and {transitiveCount:N0} through them") : "") +
            Invariant($"; the farthest is {Plural(farthest.Depth, "call", "calls")} away: {string.Join(" → ", farthest.Path)}.");

        var withoutBreaker = directEdges
            .Where(e => graph.Edges[e].CircuitBreaker != true)
            .Select(e => graph.Nodes[graph.Edges[e].From].Ref)
            .Distinct()
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        var remedy = $"The direct callers decide how far this spreads: give them a fallback (a cached or degraded answer) " +
            $"or call {failing} asynchronously where the answer is not needed at once.";
        if (withoutBreaker.Count > 0)
        {
            remedy += $" Add a circuit breaker on the calls from {Names(withoutBreaker)}, so they fail fast instead of piling up.";
        }

        return (summary, remedy);
    }

    /// <summary>
    /// Counts what <see cref="BlastRadius(DependencyGraph, int, BlastRadiusOptions?, int, int?)"/> would list, without
    /// paths, reusing its arrays between calls so sizing hundreds of nodes allocates once.
    /// </summary>
    internal sealed class UpstreamCounter(DependencyGraph graph)
    {
        private readonly int[] _seen = new int[graph.NodeCount];
        private readonly int[] _depth = new int[graph.NodeCount];
        private readonly int[] _queue = new int[graph.NodeCount];
        private int _stamp;

        /// <summary>How many services fail with <paramref name="node"/>, and the most critical tier among them (0 when none).</summary>
        public (int Count, int MinTier) Count(int node, BlastRadiusOptions options)
        {
            _stamp++;
            int head = 0, tail = 0, minTier = 0;
            _seen[node] = _stamp;
            _depth[node] = 0;
            _queue[tail++] = node;
            while (head < tail)
            {
                var v = _queue[head++];
                if (_depth[v] >= options.MaxDepth)
                {
                    continue;
                }

                var edges = graph.IncomingEdges(v);
                var callers = graph.Callers(v);
                for (var i = 0; i < edges.Length; i++)
                {
                    var u = callers[i];
                    if (_seen[u] != _stamp && Spreads(graph, edges[i], options))
                    {
                        _seen[u] = _stamp;
                        _depth[u] = _depth[v] + 1;
                        _queue[tail++] = u;
                        var tier = graph.Nodes[u].Tier;
                        minTier = minTier == 0 ? tier : Math.Min(minTier, tier);
                    }
                }
            }

            return (tail - 1, minTier);
        }
    }

    /// <summary>
    /// The same counts as <see cref="UpstreamCounter"/> for many nodes at once, without a walk per node. Failure
    /// spreads along the same edges in every case, so services that fail together form strongly connected
    /// components of those edges: a node's radius is the rest of its component plus every component upstream of it,
    /// and the walk upstream is made once per component, over the components. Where one knot holds most services
    /// (the scale catalog's 9,700), that turns thousands of walks over 50,000 edges into one. Without a depth limit
    /// only; <see cref="BlastRadiusOptions.MaxDepth"/> needs real distances.
    /// </summary>
    internal sealed class UpstreamSizer
    {
        private readonly DependencyGraph _graph;
        private readonly int[] _component;
        private readonly int[] _size;
        private readonly int[] _minTier;
        private readonly int[] _minTierCount;
        private readonly int[] _nextTier;
        private readonly int[][] _callers;
        private readonly (int Count, int MinTier)?[] _upstream;
        private readonly int[] _seen;
        private readonly int[] _queue;
        private int _stamp;

        public UpstreamSizer(DependencyGraph graph, BlastRadiusOptions options)
        {
            _graph = graph;
            var spreads = new bool[graph.EdgeCount];
            for (var e = 0; e < spreads.Length; e++)
            {
                spreads[e] = Spreads(graph, e, options);
            }

            _component = StronglyConnected.Components(graph, spreads, out var count);
            _size = new int[count];
            _minTier = new int[count];
            _minTierCount = new int[count];
            _nextTier = new int[count];
            for (var v = 0; v < graph.NodeCount; v++)
            {
                var c = _component[v];
                var tier = graph.Nodes[v].Tier;
                _size[c]++;
                if (_minTier[c] == 0 || tier < _minTier[c])
                {
                    _nextTier[c] = _minTier[c];
                    (_minTier[c], _minTierCount[c]) = (tier, 1);
                }
                else if (tier == _minTier[c])
                {
                    _minTierCount[c]++;
                }
                else if (_nextTier[c] == 0 || tier < _nextTier[c])
                {
                    _nextTier[c] = tier;
                }
            }

            // For each component, the distinct components with an edge into it that carries the failure.
            var callers = new List<int>?[count];
            var last = new int[count];
            Array.Fill(last, -1);
            for (var v = 0; v < graph.NodeCount; v++)
            {
                var edges = graph.IncomingEdges(v);
                var from = graph.Callers(v);
                var c = _component[v];
                for (var i = 0; i < edges.Length; i++)
                {
                    var d = _component[from[i]];
                    if (spreads[edges[i]] && d != c && last[d] != c)
                    {
                        last[d] = c;
                        (callers[c] ??= []).Add(d);
                    }
                }
            }

            _callers = [.. callers.Select(l => l?.ToArray() ?? [])];
            _upstream = new (int, int)?[count];
            _seen = new int[count];
            _queue = new int[count];
        }

        /// <summary>How many services fail with <paramref name="node"/>, and the most critical tier among them (0 when none).</summary>
        public (int Count, int MinTier) Count(int node)
        {
            var c = _component[node];
            var (upCount, upTier) = _upstream[c] ??= Upstream(c);

            // The rest of the node's own component fails with it; its most critical tier, the node itself left out.
            var tier = _graph.Nodes[node].Tier;
            var inside = _size[c] - 1;
            var insideTier = inside == 0 ? 0 : tier == _minTier[c] && _minTierCount[c] == 1 ? _nextTier[c] : _minTier[c];
            return (upCount + inside, MinNonZero(upTier, insideTier));
        }

        private (int Count, int MinTier) Upstream(int start)
        {
            _stamp++;
            int head = 0, tail = 0, count = 0, minTier = 0;
            _seen[start] = _stamp;
            _queue[tail++] = start;
            while (head < tail)
            {
                foreach (var d in _callers[_queue[head++]])
                {
                    if (_seen[d] != _stamp)
                    {
                        _seen[d] = _stamp;
                        _queue[tail++] = d;
                        count += _size[d];
                        minTier = MinNonZero(minTier, _minTier[d]);
                    }
                }
            }

            return (count, minTier);
        }

        private static int MinNonZero(int a, int b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);
    }
}
