namespace Portal.Domain.Graph;

public static partial class GraphAnalysis
{
    /// <summary>
    /// For each entry point (a service nobody calls, over any kind of edge), its deepest chain of calls it
    /// waits on (synchronous calls and shared-database use), with the worst-case end-to-end latency from
    /// declared timeouts: Σ <c>TimeoutMs × (1 + Retries)</c>. Computed by DP over <see cref="SyncDag"/>, so
    /// chains are cut where they enter a synchronous cycle. The <paramref name="topK"/> deepest, then slowest.
    /// </summary>
    public static IReadOnlyList<SyncChain> LongestSyncChains(DependencyGraph graph, int topK = 20)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        return LongestSyncChains(graph, SyncDag.Build(graph), topK);
    }

    internal static IReadOnlyList<SyncChain> LongestSyncChains(DependencyGraph graph, SyncDag dag, int topK)
    {
        var n = graph.NodeCount;
        var depth = new int[n];
        var known = new long[n];
        var unknown = new int[n];
        var next = new int[n];
        Array.Fill(next, -1);

        // Sinks first: when v is reached, every node it calls in the DAG already holds its best chain.
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
                var hop = graph.Edges[edges[i]];
                var d = depth[w] + 1;
                var k = known[w] + (hop.WorstCaseMs ?? 0);
                if (d > depth[v] || (d == depth[v] && k > known[v]))
                {
                    depth[v] = d;
                    known[v] = k;
                    unknown[v] = unknown[w] + (hop.TimeoutMs is null ? 1 : 0);
                    next[v] = edges[i];
                }
            }
        }

        var entries = new List<int>();
        for (var v = 0; v < n; v++)
        {
            if (graph.IsService(v) && graph.IncomingEdges(v).IsEmpty && depth[v] > 0)
            {
                entries.Add(v);
            }
        }

        entries.Sort((a, b) =>
            depth[a] != depth[b] ? depth[b].CompareTo(depth[a])
            : known[a] != known[b] ? known[b].CompareTo(known[a])
            : string.CompareOrdinal(graph.Nodes[a].Ref, graph.Nodes[b].Ref));

        return [.. entries.Take(topK).Select(v => DescribeChain(graph, v, next, known[v], unknown[v]))];
    }

    private static SyncChain DescribeChain(DependencyGraph graph, int entry, int[] next, long known, int unknown)
    {
        var hops = new List<int>();
        for (var e = next[entry]; e >= 0; e = next[graph.Edges[e].To])
        {
            hops.Add(e);
        }

        var path = new List<string>(hops.Count + 1) { graph.Nodes[entry].Ref };
        path.AddRange(hops.Select(e => graph.Nodes[graph.Edges[e].To].Ref));
        var entryRef = path[0];
        var latency = unknown == 0
            ? Invariant($"worst case {Ms(known)} end to end (timeout × attempts on every hop)")
            : Invariant($"worst case at least {Ms(known)}; {unknown:N0} of {hops.Count:N0} hops {(unknown == 1 ? "has" : "have")} no declared timeout");
        var summary = Invariant($"{FormatPath(graph, hops)}: {Plural(hops.Count, "synchronous hop", "synchronous hops")} from entry point {entryRef}; {latency}.");

        var remedy = hops.Count >= 4
            ? $"Every hop {entryRef} waits on adds latency and a way to fail. Shorten the chain: make the lower calls asynchronous " +
              $"(events, a queue), cache what {entryRef} needs, or merge services that always call each other."
            : $"Short enough for now; keep new dependencies below {path[^2]} asynchronous where they can be.";
        var untimed = hops.Where(e => graph.Edges[e].TimeoutMs is null).Select(e => FormatPath(graph, [e])).ToList();
        if (untimed.Count > 0)
        {
            remedy += $" Declare timeouts on {Names(untimed)}: without them the caller may wait forever.";
        }

        if (known > 0)
        {
            var slowest = hops.MaxBy(e => graph.Edges[e].WorstCaseMs ?? 0);
            remedy += Invariant($" The slowest hop is {FormatPath(graph, [slowest])} ({Ms(graph.Edges[slowest].WorstCaseMs ?? 0)}).");
        }

        return new SyncChain(entryRef, path, [.. hops.Select(e => ToEdgeRef(graph, e))], hops.Count, known, unknown, summary, remedy);
    }

    /// <summary>
    /// Paths along which one request at the top becomes ∏ (1 + retriesᵢ) requests at the bottom (undeclared
    /// retries count as none), over the same DAG as <see cref="LongestSyncChains(DependencyGraph, int)"/>.
    /// For each node the worst path reaching it is kept; a node is reported only where that path ends (is
    /// not extended further down), so one storm is not listed once per hop. Factors above 1 only, the
    /// <paramref name="topK"/> largest first.
    /// </summary>
    public static IReadOnlyList<RetryAmplificationPath> RetryAmplification(DependencyGraph graph, int topK = 20)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        return RetryAmplification(graph, SyncDag.Build(graph), topK);
    }

    internal static IReadOnlyList<RetryAmplificationPath> RetryAmplification(DependencyGraph graph, SyncDag dag, int topK)
    {
        var n = graph.NodeCount;
        var factor = new double[n];
        Array.Fill(factor, 1d);
        var parent = new int[n];
        Array.Fill(parent, -1);

        // Sources first, so a node's factor is final before it is passed on. Doubles multiply small integers
        // exactly up to 2^53 and only lose precision (never wrap) past that; infinity is capped to stay serialisable.
        for (var s = dag.SinksFirst.Length - 1; s >= 0; s--)
        {
            var v = dag.SinksFirst[s];
            var edges = graph.OutgoingEdges(v);
            var callees = graph.Callees(v);
            for (var i = 0; i < edges.Length; i++)
            {
                if (!dag.InDag[edges[i]])
                {
                    continue;
                }

                var w = callees[i];
                var candidate = Math.Min(factor[v] * graph.Edges[edges[i]].Attempts, double.MaxValue);
                if (candidate > factor[w])
                {
                    factor[w] = candidate;
                    parent[w] = edges[i];
                }
            }
        }

        var extended = new bool[n];
        for (var w = 0; w < n; w++)
        {
            if (parent[w] >= 0)
            {
                extended[graph.Edges[parent[w]].From] = true;
            }
        }

        var length = new int[n];
        var ends = new List<int>();
        for (var v = 0; v < n; v++)
        {
            if (factor[v] > 1 && !extended[v])
            {
                for (var e = parent[v]; e >= 0; e = parent[graph.Edges[e].From])
                {
                    length[v]++;
                }

                ends.Add(v);
            }
        }

        ends.Sort((a, b) =>
            factor[a] != factor[b] ? factor[b].CompareTo(factor[a])
            : length[a] != length[b] ? length[a].CompareTo(length[b])
            : string.CompareOrdinal(graph.Nodes[a].Ref, graph.Nodes[b].Ref));

        return [.. ends.Take(topK).Select(v => DescribeAmplification(graph, v, parent, factor[v]))];
    }

    private static RetryAmplificationPath DescribeAmplification(DependencyGraph graph, int bottom, int[] parent, double factor)
    {
        var hops = new List<int>();
        for (var e = parent[bottom]; e >= 0; e = parent[graph.Edges[e].From])
        {
            hops.Add(e);
        }

        hops.Reverse();
        var path = new List<string>(hops.Count + 1) { graph.Nodes[graph.Edges[hops[0]].From].Ref };
        path.AddRange(hops.Select(e => graph.Nodes[graph.Edges[e].To].Ref));
        var top = path[0];
        var bottomRef = path[^1];
        var times = factor < 1e12 ? Invariant($"{factor:N0}") : Invariant($"{factor:0.##E+0}");
        var route = FormatPath(graph, hops, e => graph.Edges[e].Attempts > 1 ? Invariant($"(×{graph.Edges[e].Attempts})") : "");
        var summary = $"One request to {top} can become {times} requests at {bottomRef}, because each hop retries: {route}.";

        var retrying = hops.Where(e => graph.Edges[e].Attempts > 1).ToList();
        var remedy = "Retry at one layer only, usually the one nearest the user, and let the layers below fail fast (0 retries); " +
            "use backoff with jitter and a retry budget or circuit breaker so a slow service is not hit harder.";
        var noBackoff = retrying.Where(e => graph.Edges[e].Backoff != true).Select(e => FormatPath(graph, [e])).ToList();
        if (noBackoff.Count > 0)
        {
            remedy += $" These retry without declared backoff: {Names(noBackoff)}.";
        }

        return new RetryAmplificationPath(top, bottomRef, path, [.. hops.Select(e => ToEdgeRef(graph, e))], factor, summary, remedy);
    }
}
