using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;

namespace Portal.Domain.Tests.Scorecards.Checks;

public sealed class CoordinationChecksTests
{
    private static DependencyGraphBuilder Chain() => new DependencyGraphBuilder()
        .Service("svc").Service("a").Service("b").Service("c").Service("d");

    [Fact]
    public void SyncChainDepth_ChainLongerThanLimit_FailsWithPath()
    {
        var graph = Chain().Edge("svc", "a").Edge("a", "b").Edge("b", "c").Edge("c", "d").Build();

        var outcome = Run("sync-chain-depth", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("4 hops, more than 3: svc → a → b → c → d", outcome.Evidence);
    }

    [Fact]
    public void SyncChainDepth_AsyncHopBreaksChain_Passes()
    {
        var graph = Chain().Edge("svc", "a").Edge("a", "b", InteractionKind.AsyncQueue).Edge("b", "c").Edge("c", "d").Build();

        var outcome = Run("sync-chain-depth", Service(), graph);

        Assert.Equal(CriterionStatus.Pass, outcome.Status);
        Assert.Contains("1 hop", outcome.Evidence);
    }

    [Fact]
    public void SyncChainDepth_SharedDatabaseCountsAsHop()
    {
        var graph = new DependencyGraphBuilder().Service("svc").Service("a").Resource("resource:db")
            .Edge("svc", "a").Uses("a", "resource:db", ResourceAccess.Read).Build();

        var outcome = Run("sync-chain-depth", Service(), graph, new() { ["maxHops"] = 1 });

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
    }

    [Fact]
    public void NoSyncCycle_InSynchronousLoop_FailsNamingOthers()
    {
        var graph = Chain().Edge("svc", "a").Edge("a", "b").Edge("b", "svc").Build();

        var outcome = Run("no-sync-cycle", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("loop of 3 services", outcome.Evidence);
        Assert.Contains("a, b", outcome.Evidence);
    }

    [Fact]
    public void NoSyncCycle_LoopBrokenByEvent_Passes()
    {
        var graph = Chain().Edge("svc", "a").Edge("a", "b").Edge("b", "svc", InteractionKind.AsyncEvent).Build();

        Assert.Equal(CriterionStatus.Pass, Run("no-sync-cycle", Service(), graph).Status);
    }

    [Fact]
    public void NoSyncCycle_CallsItself_Fails()
    {
        var graph = new DependencyGraph([new GraphNode(0, "svc", "svc", NodeKind.Service, null, null, 3)], [new GraphEdge(0, 0, InteractionKind.SyncHttp)]);

        var outcome = Run("no-sync-cycle", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("calls itself", outcome.Evidence);
    }

    [Fact]
    public void SyncFanOut_MoreCalleesThanLimit_Fails()
    {
        var graph = Chain().Edge("svc", "a").Edge("svc", "b").Edge("svc", "c").Edge("svc", "d", InteractionKind.AsyncEvent).Build();

        var outcome = Run("sync-fan-out", Service(), graph, new() { ["maxServices"] = 2 });

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("3 services directly, more than 2: a, b, c", outcome.Evidence);
    }

    [Fact]
    public void SyncFanOut_WithinLimit_Passes()
    {
        var graph = Chain().Edge("svc", "a").Edge("svc", "b").Build();

        Assert.Equal(CriterionStatus.Pass, Run("sync-fan-out", Service(), graph).Status);
    }
}
