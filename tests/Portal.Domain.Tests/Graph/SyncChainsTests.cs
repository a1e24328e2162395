using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class SyncChainsTests
{
    [Fact]
    public void LongestSyncChains_ThreeHops_ReportsDepthAndSumOfTimeoutTimesAttempts()
    {
        var g = Services("a", "b", "c", "d")
            .Edge("a", "b", timeoutMs: 100, retries: 1)  // 200
            .Edge("b", "c", timeoutMs: 300)              // 300
            .Edge("c", "d", timeoutMs: 50, retries: 3)   // 200
            .Build();

        var chain = Assert.Single(GraphAnalysis.LongestSyncChains(g));

        Assert.Equal(["a", "b", "c", "d"], chain.Path);
        Assert.Equal(3, chain.Depth);
        Assert.Equal(700, chain.KnownLatencyMs);
        Assert.True(chain.LatencyIsComplete);
        Assert.Contains("worst case 700 ms end to end", chain.Summary);
    }

    [Fact]
    public void LongestSyncChains_HopWithoutTimeout_SaysAtLeastAndCountsUnknownHops()
    {
        var g = Services("a", "b", "c").Edge("a", "b", timeoutMs: 1000).Edge("b", "c").Build();

        var chain = Assert.Single(GraphAnalysis.LongestSyncChains(g));

        Assert.Equal(1, chain.HopsWithoutTimeout);
        Assert.Contains("at least 1,000 ms; 1 of 2 hops has no declared timeout", chain.Summary);
        Assert.Contains("Declare timeouts on b → c", chain.Remedy);
    }

    [Fact]
    public void LongestSyncChains_AsyncEdge_EndsTheChain()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("b", "c", InteractionKind.AsyncEvent).Build();

        Assert.Equal(1, Assert.Single(GraphAnalysis.LongestSyncChains(g)).Depth);
    }

    [Fact]
    public void LongestSyncChains_DatabaseAtTheBottom_CountsAsHop()
    {
        var g = Services("a", "b").Resource("db").Edge("a", "b").Uses("b", "db", ResourceAccess.Read).Build();

        Assert.Equal(["a", "b", "db"], Assert.Single(GraphAnalysis.LongestSyncChains(g)).Path);
    }

    [Fact]
    public void LongestSyncChains_TwoBranches_PicksDeeperOverSlower()
    {
        var g = Services("a", "b", "c", "slow")
            .Edge("a", "slow", timeoutMs: 60_000)
            .Edge("a", "b", timeoutMs: 10).Edge("b", "c", timeoutMs: 10)
            .Build();

        Assert.Equal(["a", "b", "c"], Assert.Single(GraphAnalysis.LongestSyncChains(g)).Path);
    }

    [Fact]
    public void LongestSyncChains_TwoBranchesOfEqualDepth_PicksSlower()
    {
        var g = Services("a", "fast", "slow").Edge("a", "fast", timeoutMs: 100).Edge("a", "slow", timeoutMs: 900).Build();

        Assert.Equal(["a", "slow"], Assert.Single(GraphAnalysis.LongestSyncChains(g)).Path);
    }

    [Fact]
    public void LongestSyncChains_SeveralEntryPoints_OrderedByDepthThenLatencyAndCutToTopK()
    {
        var g = Services("e1", "e2", "e3", "x", "y", "z", "p", "q", "r", "s")
            .Edge("e1", "s")
            .Edge("e2", "x", timeoutMs: 10).Edge("x", "y", timeoutMs: 10)
            .Edge("e3", "p", timeoutMs: 90).Edge("p", "q", timeoutMs: 10)
            .Build();

        var chains = GraphAnalysis.LongestSyncChains(g, topK: 2);

        Assert.Equal(["e3", "e2"], chains.Select(c => c.EntryPoint));
    }

    [Fact]
    public void LongestSyncChains_ServiceCalledBySomeone_IsNotAnEntryPoint()
    {
        var g = Services("a", "b", "c").Edge("a", "b", InteractionKind.AsyncEvent).Edge("b", "c").Build();

        Assert.Empty(GraphAnalysis.LongestSyncChains(g));
    }

    [Fact]
    public void LongestSyncChains_SynchronousCycleBelow_CutsTheCycleEdges()
    {
        // a ↔ b is a synchronous cycle: its edges leave the DAG, so the chain from e stops at a.
        var g = Services("e", "a", "b").Edge("e", "a").Edge("a", "b").Edge("b", "a").Build();

        Assert.Equal(["e", "a"], Assert.Single(GraphAnalysis.LongestSyncChains(g)).Path);
    }
}
