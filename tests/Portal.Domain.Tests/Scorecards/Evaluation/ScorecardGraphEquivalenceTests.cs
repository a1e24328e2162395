using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Checks;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// The graph facts the checks read are computed once per graph for every service (knots sorted once, not per
/// member). These tests compare them, on random graphs with loops, self-calls and asynchronous hops, with the
/// straightforward per-service computation (reachability both ways, sort the others' names), so a speed-up can
/// never change an answer.
/// </summary>
public sealed class ScorecardGraphEquivalenceTests
{
    private static readonly InteractionKind[] Kinds =
        [InteractionKind.SyncHttp, InteractionKind.SyncGrpc, InteractionKind.AsyncEvent, InteractionKind.AsyncQueue, InteractionKind.SyncHttp];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void KnotOthers_RandomGraph_MatchesSortingEachServicesOwnKnot(int seed)
    {
        var graph = RandomGraph(seed);
        var prepared = new ScorecardGraph(graph);

        for (var v = 0; v < graph.NodeCount; v++)
        {
            var knot = NaiveKnot(graph, v);
            Assert.Equal(knot.Order(), prepared.KnotOf(v).Order());

            var others = knot.Where(u => u != v).Select(u => graph.Nodes[u].Ref).Order(StringComparer.Ordinal).ToList();
            var (first, count) = prepared.KnotOthers(v, 5);
            Assert.Equal(knot.Count < 2 ? 0 : others.Count, count);
            Assert.Equal(knot.Count < 2 ? Enumerable.Empty<string>() : others.Take(5), first);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NoSyncCycle_RandomGraph_EvidenceMatchesThePerServiceComputation(int seed)
    {
        var graph = RandomGraph(seed);
        var prepared = new ScorecardGraph(graph);

        for (var v = 0; v < graph.NodeCount; v++)
        {
            var service = Service(graph.Nodes[v].Ref);
            var outcome = AutomaticChecks.Run("no-sync-cycle", new CheckContext(service, prepared, Criterion("no-sync-cycle"), Now));

            Assert.Equal(NaiveNoSyncCycle(graph, v), outcome.Evidence);
        }
    }

    /// <summary>Nodes that reach <paramref name="v"/> and are reached from it over blocking edges; a blocking self-call alone is a knot of one.</summary>
    private static List<int> NaiveKnot(DependencyGraph graph, int v)
    {
        var from = Reach(graph, v, forward: true);
        var to = Reach(graph, v, forward: false);
        var knot = Enumerable.Range(0, graph.NodeCount).Where(u => from[u] && to[u]).ToList();
        if (knot.Count >= 2)
        {
            return knot;
        }

        var selfCall = Enumerable.Range(0, graph.EdgeCount).Any(e => graph.Edges[e].From == v && graph.Edges[e].To == v && graph.IsBlocking(e));
        return selfCall ? [v] : [];
    }

    /// <summary>The evidence exactly as the check worded it before knots were sorted once per graph.</summary>
    private static string NaiveNoSyncCycle(DependencyGraph graph, int v)
    {
        var knot = NaiveKnot(graph, v);
        if (knot.Count == 0)
        {
            return "In no loop of synchronous calls.";
        }

        if (knot.Count == 1)
        {
            return $"{graph.Nodes[v].Ref} calls itself synchronously.";
        }

        var others = knot.Where(u => u != v).Select(u => graph.Nodes[u].Ref).Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", others.Take(5));
        var names = others.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {others.Count - 5} more") : shown;
        return string.Create(CultureInfo.InvariantCulture, $"In a loop of {knot.Count} services that wait on each other synchronously, with {names}.");
    }

    private static bool[] Reach(DependencyGraph graph, int start, bool forward)
    {
        var seen = new bool[graph.NodeCount];
        var stack = new Stack<int>([start]);
        seen[start] = true;
        while (stack.TryPop(out var u))
        {
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var edge = graph.Edges[e];
                var (a, b) = forward ? (edge.From, edge.To) : (edge.To, edge.From);
                if (a == u && graph.IsBlocking(e) && !seen[b])
                {
                    seen[b] = true;
                    stack.Push(b);
                }
            }
        }

        return seen;
    }

    /// <summary>A graph of 2–40 services with names in shuffled order, a few dense enough for big loops, some self-calls.</summary>
    private static DependencyGraph RandomGraph(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(2, 41);
        var names = Enumerable.Range(0, n).Select(i => $"svc-{random.Next(1000):D3}-{i:D2}").ToList();
        var builder = new DependencyGraphBuilder();
        foreach (var name in names)
        {
            builder.Service(name, ownerTeam: "team-" + random.Next(3));
        }

        var edges = random.Next(n, n * (seed % 4 + 1) + 1);
        for (var i = 0; i < edges; i++)
        {
            var from = random.Next(n);
            var to = random.Next(10) == 0 ? from : random.Next(n);
            builder.Edge(names[from], names[to], Kinds[random.Next(Kinds.Length)]);
        }

        return builder.Build();
    }
}
