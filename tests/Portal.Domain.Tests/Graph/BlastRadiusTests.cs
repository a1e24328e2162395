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
    public void BlastRadius_UnknownRef_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GraphAnalysis.BlastRadius(Chain, "nope"));
    }
}
