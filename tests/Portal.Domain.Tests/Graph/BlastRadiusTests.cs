using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class BlastRadiusTests
{
    /// <summary>a → b → c synchronously, c ⇢ d asynchronously.</summary>
    private static readonly DependencyGraph Chain = Services("a", "b", "c", "d")
        .Edge("a", "b")
        .Edge("b", "c")
        .Edge("c", "d", InteractionKind.AsyncEvent)
        .Build();

    [Fact]
    public void BlastRadius_AsyncEdgeAbove_NothingFails()
    {
        var result = GraphAnalysis.BlastRadius(Chain, "d");

        Assert.Equal(0, result.Count);
        Assert.Empty(result.Direct);
        Assert.Empty(result.Transitive);
    }

    [Fact]
    public void BlastRadius_SyncChain_SplitsDirectAndTransitiveCallers()
    {
        var result = GraphAnalysis.BlastRadius(Chain, "c");

        Assert.Equal(["b"], result.Direct.Select(s => s.Ref));
        Assert.Equal(["a"], result.Transitive.Select(s => s.Ref));
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public void BlastRadius_TransitiveCaller_HasDepthAndPathDownToFailingNode()
    {
        var a = Assert.Single(GraphAnalysis.BlastRadius(Chain, "c").Transitive);

        Assert.Equal(2, a.Depth);
        Assert.Equal(["a", "b", "c"], a.Path);
    }

    [Fact]
    public void BlastRadius_Summary_CountsAndNamesFarthestPath()
    {
        var result = GraphAnalysis.BlastRadius(Chain, "c");

        Assert.Equal(
            "If c fails, 2 services can fail with it: 1 directly (b) and 1 through them; the farthest is 2 calls away: a → b → c.",
            result.Summary);
    }

    [Fact]
    public void BlastRadius_FollowAsync_CrossesAsyncEdge()
    {
        var result = GraphAnalysis.BlastRadius(Chain, "d", new BlastRadiusOptions(FollowAsync: true));

        Assert.Equal(["c", "b", "a"], result.Direct.Concat(result.Transitive).Select(s => s.Ref));
    }

    [Fact]
    public void BlastRadius_CallerWithFallback_StopsThere()
    {
        var g = Services("a", "b", "c").Edge("a", "b", fallback: true).Edge("b", "c").Build();

        var result = GraphAnalysis.BlastRadius(g, "c");

        Assert.Equal(["b"], result.Direct.Concat(result.Transitive).Select(s => s.Ref));
    }

    [Fact]
    public void BlastRadius_StopAtFallbackOff_CrossesFallbackEdge()
    {
        var g = Services("a", "b", "c").Edge("a", "b", fallback: true).Edge("b", "c").Build();

        var result = GraphAnalysis.BlastRadius(g, "c", new BlastRadiusOptions(StopAtFallback: false));

        Assert.Equal(2, result.Count);
    }

    [Fact]
    public void BlastRadius_DiamondWithPathsOfTwoLengths_ReportsShortestPathOnce()
    {
        // a reaches d through b (2 hops) and through c → e (3 hops).
        var g = Services("a", "c", "e", "b", "d")
            .Edge("a", "c").Edge("c", "e").Edge("e", "d")
            .Edge("a", "b").Edge("b", "d")
            .Build();

        var result = GraphAnalysis.BlastRadius(g, "d");

        var a = Assert.Single(result.Transitive, s => s.Ref == "a");
        Assert.Equal(["a", "b", "d"], a.Path);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void BlastRadius_MaxDepthOne_OnlyDirectCallers()
    {
        var result = GraphAnalysis.BlastRadius(Chain, "c", new BlastRadiusOptions(MaxDepth: 1));

        Assert.Equal(["b"], result.Direct.Select(s => s.Ref));
        Assert.Empty(result.Transitive);
    }

    [Fact]
    public void BlastRadius_SharedDatabaseFails_TakesDownUsersAndTheirCallers()
    {
        var g = Services("web", "orders").Resource("orders-db")
            .Edge("web", "orders")
            .Uses("orders", "orders-db", ResourceAccess.ReadWrite)
            .Build();

        var result = GraphAnalysis.BlastRadius(g, "orders-db");

        Assert.Equal(["orders"], result.Direct.Select(s => s.Ref));
        Assert.Equal(["web"], result.Transitive.Select(s => s.Ref));
    }

    [Fact]
    public void BlastRadius_UnknownKind_SpreadsLikeSynchronous()
    {
        var g = Services("a", "b").Edge("a", "b", InteractionKind.Unknown).Build();

        Assert.Equal(1, GraphAnalysis.BlastRadius(g, "b").Count);
    }

    [Fact]
    public void BlastRadius_DirectCallersWithoutCircuitBreaker_RemedyNamesThem()
    {
        var g = Services("a", "b", "x").Edge("a", "x", circuitBreaker: true).Edge("b", "x").Build();

        var result = GraphAnalysis.BlastRadius(g, "x");

        Assert.Contains("circuit breaker on the calls from b,", result.Remedy);
        Assert.Contains("2 services can fail", result.Summary);
    }

    [Fact]
    public void BlastRadius_Page_ReturnsThatSliceNearestFirstWithWholeCounts()
    {
        // x ← b, a (direct); b ← e, d; a ← c (depth 2); e ← f (depth 3).
        var g = Services("x", "b", "a", "e", "d", "c", "f")
            .Edge("b", "x").Edge("a", "x").Edge("e", "b").Edge("d", "b").Edge("c", "a").Edge("f", "e")
            .Build();

        var page = GraphAnalysis.BlastRadius(g, "x", skip: 1, take: 2);

        Assert.Equal(["a", "b"], page.Direct.Select(s => s.Ref));
        Assert.Equal(["d", "e"], page.Transitive.Select(s => s.Ref));
        Assert.Equal(["d", "b", "x"], page.Transitive[0].Path);
        Assert.Equal((6, 4), (page.Count, page.TransitiveCount));
        Assert.Equal(GraphAnalysis.BlastRadius(g, "x").Summary, page.Summary);
        Assert.Contains("the farthest is 3 calls away: f → e → b → x", page.Summary);
    }

    [Fact]
    public void BlastRadius_PageBeyondTheEnd_EmptyTransitiveButWholeCount()
    {
        var page = GraphAnalysis.BlastRadius(Chain, "c", skip: 5, take: 10);

        Assert.Empty(page.Transitive);
        Assert.Equal((2, 1), (page.Count, page.TransitiveCount));
    }

    [Fact]
    public void BlastRadius_LargeGraph_PagesJoinToTheWholeListAndMatchAPlainWalk()
    {
        var g = GraphFixtures.Generate(2_000, 10_000, seed: 5);
        var failing = Enumerable.Range(0, g.NodeCount).MaxBy(v => GraphAnalysis.BlastRadius(g, v).Count);

        var whole = GraphAnalysis.BlastRadius(g, failing);
        var pages = Enumerable.Range(0, (whole.TransitiveCount + 99) / 100)
            .SelectMany(p => GraphAnalysis.BlastRadius(g, failing, skip: p * 100, take: 100).Transitive)
            .ToList();

        Assert.True(whole.TransitiveCount > 200, $"only {whole.TransitiveCount} transitive dependents");
        Assert.Equal(whole.Transitive, pages, ImpactedComparer.Instance);
        var expected = PlainWalk(g, failing);
        var listed = whole.Direct.Concat(whole.Transitive).ToList();
        Assert.Equal(expected.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)), listed.Select(s => (s.Ref, s.Depth)));
        foreach (var s in listed)
        {
            Assert.Equal(s.Depth + 1, s.Path.Count);
            Assert.Equal(g.Nodes[failing].Ref, s.Path[^1]);
            for (var h = 0; h < s.Depth; h++)
            {
                Assert.True(Spreads(g, s.Path[h], s.Path[h + 1]), $"{s.Path[h]} → {s.Path[h + 1]} does not carry the failure");
            }
        }
    }

    [Fact]
    public void BlastRadius_UnknownRef_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GraphAnalysis.BlastRadius(Chain, "nope"));
    }

    /// <summary>Depth of every service the failure reaches, by a textbook breadth-first walk over the edge list.</summary>
    private static Dictionary<string, int> PlainWalk(DependencyGraph g, int failing)
    {
        var depth = new Dictionary<int, int> { [failing] = 0 };
        var frontier = new List<int> { failing };
        while (frontier.Count > 0)
        {
            var next = new List<int>();
            foreach (var v in frontier)
            {
                for (var e = 0; e < g.EdgeCount; e++)
                {
                    var edge = g.Edges[e];
                    if (edge.To == v && g.IsBlocking(e) && edge.Fallback != true && !depth.ContainsKey(edge.From))
                    {
                        depth[edge.From] = depth[v] + 1;
                        next.Add(edge.From);
                    }
                }
            }

            frontier = next;
        }

        depth.Remove(failing);
        return depth.ToDictionary(d => g.Nodes[d.Key].Ref, d => d.Value);
    }

    private static bool Spreads(DependencyGraph g, string from, string to) =>
        Enumerable.Range(0, g.EdgeCount).Any(e =>
            g.Nodes[g.Edges[e].From].Ref == from && g.Nodes[g.Edges[e].To].Ref == to && g.IsBlocking(e) && g.Edges[e].Fallback != true);

    private sealed class ImpactedComparer : IEqualityComparer<ImpactedService>
    {
        public static ImpactedComparer Instance { get; } = new();

        public bool Equals(ImpactedService? x, ImpactedService? y) =>
            x is not null && y is not null && x.Ref == y.Ref && x.Depth == y.Depth && x.Path.SequenceEqual(y.Path);

        public int GetHashCode(ImpactedService obj) => obj.Ref.GetHashCode(StringComparison.Ordinal);
    }
}
