using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class SinglePointsOfFailureTests
{
    [Fact]
    public void SinglePointsOfFailure_ThreeSynchronousCallers_ReportedWithCallersAndBlastRadius()
    {
        var g = Services("auth", "a", "b", "c", "web").Edge("a", "auth").Edge("b", "auth").Edge("c", "auth").Edge("web", "a").Build();

        var spof = Assert.Single(GraphAnalysis.SinglePointsOfFailure(g));

        Assert.Equal("auth", spof.Ref);
        Assert.Equal(3, spof.DirectDependents);
        Assert.Equal(["a", "b", "c"], spof.Dependents);
        Assert.Equal(4, spof.BlastRadius);
    }

    [Fact]
    public void SinglePointsOfFailure_TwoCallers_BelowDefaultThreshold()
    {
        var g = Services("auth", "a", "b").Edge("a", "auth").Edge("b", "auth").Build();

        Assert.Empty(GraphAnalysis.SinglePointsOfFailure(g));
    }

    [Fact]
    public void SinglePointsOfFailure_ThresholdTwo_ReportsTwoCallers()
    {
        var g = Services("auth", "a", "b").Edge("a", "auth").Edge("b", "auth").Build();

        Assert.Single(GraphAnalysis.SinglePointsOfFailure(g, minDependents: 2));
    }

    [Fact]
    public void SinglePointsOfFailure_CallerWithFallbackOrAsync_NotCounted()
    {
        var g = Services("auth", "a", "b", "c")
            .Edge("a", "auth").Edge("b", "auth", fallback: true).Edge("c", "auth", InteractionKind.AsyncEvent)
            .Build();

        Assert.Empty(GraphAnalysis.SinglePointsOfFailure(g, minDependents: 2));
    }

    [Fact]
    public void SinglePointsOfFailure_ParallelEdgesFromOneCaller_CountOnce()
    {
        var g = Services("auth", "a", "b").Edge("a", "auth").Edge("a", "auth", InteractionKind.SyncGrpc).Edge("b", "auth").Build();

        Assert.Empty(GraphAnalysis.SinglePointsOfFailure(g));
    }

    [Fact]
    public void SinglePointsOfFailure_DatabaseUsedByThree_ReportedAsResource()
    {
        var g = Services("a", "b", "c").Resource("db")
            .Uses("a", "db", ResourceAccess.Read).Uses("b", "db", ResourceAccess.Read).Uses("c", "db", ResourceAccess.Write)
            .Build();

        Assert.Equal(NodeKind.Resource, Assert.Single(GraphAnalysis.SinglePointsOfFailure(g)).Kind);
    }

    [Fact]
    public void SinglePointsOfFailure_TierThreeUnderTierOneCallers_RemedySaysRaiseTier()
    {
        var g = new DependencyGraphBuilder()
            .Service("flags", tier: 3).Service("checkout", tier: 1).Service("cart", tier: 2).Service("search", tier: 2)
            .Edge("checkout", "flags").Edge("cart", "flags").Edge("search", "flags")
            .Build();

        Assert.Contains("It is tier 3 but tier-1 services depend on it", Assert.Single(GraphAnalysis.SinglePointsOfFailure(g)).Remedy);
    }
}
