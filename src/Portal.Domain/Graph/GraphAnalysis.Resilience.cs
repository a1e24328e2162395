using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

public static partial class GraphAnalysis
{
    /// <summary>
    /// Synchronous service-to-service calls whose timeout is shorter than what the callee may legitimately
    /// spend below it. The callee's budget B is the largest <c>TimeoutMs × (1 + Retries)</c> over its own
    /// outgoing edges it waits on (resources included) that declare a timeout. Assumption: the callee makes
    /// its downstream calls in parallel, so B is a maximum, not a sum; calls made one after another only make
    /// it worse, so every reported inversion is real and some may be missed. Largest gap first; at most
    /// <paramref name="limit"/> when it is set.
    /// </summary>
    public static IReadOnlyList<TimeoutInversion> TimeoutInversions(DependencyGraph graph, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        var n = graph.NodeCount;
        var budget = new long[n];
        var worst = new int[n];
        Array.Fill(worst, -1);
        for (var v = 0; v < n; v++)
        {
            foreach (var e in graph.OutgoingEdges(v))
            {
                if (graph.IsBlocking(e) && graph.Edges[e].WorstCaseMs is { } ms && ms > budget[v])
                {
                    budget[v] = ms;
                    worst[v] = e;
                }
            }
        }

        var found = new List<(int Edge, long Gap)>();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var edge = graph.Edges[e];
            if (edge.Kind.IsSynchronous() && graph.IsService(edge.To) && edge.TimeoutMs is { } t && budget[edge.To] > t)
            {
                found.Add((e, budget[edge.To] - t));
            }
        }

        var ranked = found
            .OrderByDescending(f => f.Gap)
            .ThenBy(f => graph.Nodes[graph.Edges[f.Edge].From].Ref, StringComparer.Ordinal)
            .ThenBy(f => graph.Nodes[graph.Edges[f.Edge].To].Ref, StringComparer.Ordinal);
        return [.. Limit(ranked, limit).Select(f => DescribeInversion(graph, f.Edge, worst[graph.Edges[f.Edge].To], budget[graph.Edges[f.Edge].To]))];
    }

    private static TimeoutInversion DescribeInversion(DependencyGraph graph, int edge, int downstreamEdge, long budget)
    {
        var call = graph.Edges[edge];
        var down = graph.Edges[downstreamEdge];
        var caller = graph.Nodes[call.From].Ref;
        var callee = graph.Nodes[call.To].Ref;
        var downstream = graph.Nodes[down.To].Ref;
        var t = call.TimeoutMs!.Value;
        var attempts = down.Attempts == 1 ? "" : Invariant($" × {down.Attempts} attempts");
        var summary = $"{caller} gives up on {callee} after {Ms(t)}, but {callee} may keep working for up to {Ms(budget)}: " +
            $"its call to {downstream} waits {Ms(down.TimeoutMs!.Value)}{attempts}. The work below goes on after nobody is waiting for it";
        summary += call.Attempts > 1
            ? $", and {caller}'s {Plural(call.Attempts - 1, "retry starts", "retries start")} more of it on top."
            : ".";
        var remedy = $"Make the budgets nest: give {caller} → {callee} a timeout above {Ms(budget)}, or bring {callee} → {downstream} " +
            $"under {Ms(t)} in total (timeout × attempts, e.g. fewer retries). Better still, pass the caller's deadline down " +
            $"(gRPC deadlines, cancellation) so {callee} stops when {caller} gives up.";
        return new TimeoutInversion(caller, callee, t, budget, ToEdgeRef(graph, downstreamEdge), summary, remedy);
    }

    /// <summary>
    /// Services and resources that at least <paramref name="minDependents"/> distinct services wait on
    /// (synchronous calls, shared-database use) without a fallback, with the size of their blast radius.
    /// Largest blast radius first; at most <paramref name="limit"/> when it is set.
    /// </summary>
    public static IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure(
        DependencyGraph graph, int minDependents = 3, BlastRadiusOptions? options = null, int? limit = null, int? maxListed = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDependents, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed ?? 0, nameof(maxListed));
        var o = options ?? BlastRadiusOptions.Default;
        var counted = new int[graph.NodeCount]; // stamp per node: counted[u] == v + 1 once u is a dependent of v
        // One walk per knot rather than per node; a depth limit needs the walk per node.
        var sizer = o.MaxDepth is null ? new UpstreamSizer(graph, o) : null;
        var counter = sizer is null ? new UpstreamCounter(graph) : null;
        var found = new List<(int Node, List<int> Dependents, int Radius, int MinTier)>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var dependents = new List<int>();
            var edges = graph.IncomingEdges(v);
            var callers = graph.Callers(v);
            for (var i = 0; i < edges.Length; i++)
            {
                var u = callers[i];
                if (u != v && counted[u] != v + 1 && graph.IsBlocking(edges[i]) && graph.Edges[edges[i]].Fallback != true)
                {
                    counted[u] = v + 1;
                    dependents.Add(u);
                }
            }

            if (dependents.Count >= minDependents)
            {
                var (radius, minTier) = sizer?.Count(v) ?? counter!.Count(v, o);
                found.Add((v, dependents, radius, minTier));
            }
        }

        found.Sort((a, b) =>
            a.Radius != b.Radius ? b.Radius.CompareTo(a.Radius)
            : a.Dependents.Count != b.Dependents.Count ? b.Dependents.Count.CompareTo(a.Dependents.Count)
            : string.CompareOrdinal(graph.Nodes[a.Node].Ref, graph.Nodes[b.Node].Ref));
        return [.. Limit(found, limit).Select(f => DescribeSinglePoint(graph, f.Node, f.Dependents, f.Radius, f.MinTier, maxListed))];
    }

    private static SinglePointOfFailure DescribeSinglePoint(DependencyGraph graph, int v, List<int> dependents, int radius, int minTier, int? maxListed)
    {
        var node = graph.Nodes[v];
        var names = dependents.Select(u => graph.Nodes[u].Ref).OrderBy(r => r, StringComparer.Ordinal).ToList();
        var summary = $"{Plural(names.Count, "service waits", "services wait")} on {node.Ref} without a fallback ({Names(names)}); " +
            $"if it fails, {Plural(radius, "service", "services")} can fail with it.";
        var redundancy = node.Kind == NodeKind.Resource
            ? "run it with a replica and automatic failover"
            : "run it redundantly (several instances across zones, bulkheads per caller)";
        var remedy = $"Give its callers a fallback (a cached or default answer) and circuit breakers, and {redundancy}.";
        if (minTier > 0 && minTier < node.Tier)
        {
            remedy += Invariant($" It is tier {node.Tier} but tier-{minTier} services depend on it: raise its tier, or remove that dependency.");
        }

        return new SinglePointOfFailure(node.Ref, node.DisplayName, node.Kind, names.Count, [.. Limit(names, maxListed)], radius, summary, remedy);
    }
}
