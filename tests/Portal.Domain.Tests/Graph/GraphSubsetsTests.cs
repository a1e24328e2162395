using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class GraphSubsetsTests
{
    /// <summary>z → a → b → c → d → e → f, and b → a back.</summary>
    private static readonly DependencyGraph Line = Services("z", "a", "b", "c", "d", "e", "f")
        .Edge("z", "a").Edge("a", "b").Edge("b", "c").Edge("c", "d").Edge("d", "e").Edge("e", "f")
        .Edge("b", "a")
        .Build();

    [Fact]
    public void Focus_DepthOneDownstream_OnlyWhatItCalls()
    {
        var view = GraphSubsets.Focus(Line, "a", 1, bothDirections: false);

        Assert.Equal(["a", "b"], Refs(Line, view.Nodes));
    }

    [Fact]
    public void Focus_DepthTwoBothDirections_CallersAndCalleesFocusFirst()
    {
        var view = GraphSubsets.Focus(Line, "b", 2, bothDirections: true);

        Assert.Equal(["b", "c", "a", "d", "z"], Refs(Line, view.Nodes));
    }

    [Fact]
    public void Focus_EdgesBetweenVisibleNodes_AllIncluded()
    {
        var view = GraphSubsets.Focus(Line, "a", 1, bothDirections: false);

        Assert.Equal(["a>b", "b>a"], EdgeNames(Line, view.Edges));
    }

    [Fact]
    public void Focus_DepthAboveThree_ClampedToThree()
    {
        var view = GraphSubsets.Focus(Line, "a", 10, bothDirections: false);

        Assert.Equal(["a", "b", "c", "d"], Refs(Line, view.Nodes));
    }

    [Fact]
    public void Focus_UnknownRef_Throws()
    {
        Assert.Throws<ArgumentException>(() => GraphSubsets.Focus(Line, "nope", 1, bothDirections: true));
    }

    [Fact]
    public void ForTeam_WithNeighbours_AddsWhatTheTeamTouchesButNotTheirOtherEdges()
    {
        var g = Services("x:a", "x:b", "y:c", "y:d", "y:e").Edge("a", "b").Edge("b", "c").Edge("c", "d").Edge("e", "a").Build();

        var view = GraphSubsets.ForTeam(g, "X");

        Assert.Equal(["a", "b", "c", "e"], Refs(g, view.Nodes));
        Assert.Equal(["a>b", "b>c", "e>a"], EdgeNames(g, view.Edges));
    }

    [Fact]
    public void ForTeam_WithoutNeighbours_OnlyTeamNodes()
    {
        var g = Services("x:a", "x:b", "y:c").Edge("a", "b").Edge("b", "c").Build();

        var view = GraphSubsets.ForTeam(g, "x", withNeighbours: false);

        Assert.Equal(["a", "b"], Refs(g, view.Nodes));
        Assert.Equal(["a>b"], EdgeNames(g, view.Edges));
    }

    [Fact]
    public void ForSystem_SystemNodesIncludingResources()
    {
        var g = new DependencyGraphBuilder()
            .Service("a", system: "shop").Service("b", system: "other").Resource("db", system: "shop")
            .Uses("a", "db", ResourceAccess.Read).Edge("b", "a")
            .Build();

        var view = GraphSubsets.ForSystem(g, "shop", withNeighbours: false);

        Assert.Equal(["a", "db"], Refs(g, view.Nodes));
    }

    [Fact]
    public void GroupBy_Team_AggregatesEdgesBetweenGroups()
    {
        var g = Services("x:a1", "x:a2", "y:b1", "y:b2")
            .Edge("a1", "b1").Edge("a2", "b2", InteractionKind.AsyncEvent).Edge("a1", "a2")
            .Build();

        var grouped = GraphSubsets.GroupBy(g, [0, 1, 2, 3], GroupKey.Team);

        Assert.Equal([("x", 2, 1), ("y", 2, 0)], grouped.Groups.Select(x => (x.Key, x.Services, x.InternalEdges)));
        Assert.Equal(new GroupEdge("x", "y", 2, 1), Assert.Single(grouped.Edges));
    }

    [Fact]
    public void GroupBy_SubsetOfNodes_IgnoresEdgesLeavingIt()
    {
        var g = Services("x:a", "y:b", "z:c").Edge("a", "b").Edge("a", "c").Build();

        var grouped = GraphSubsets.GroupBy(g, [0, 1], GroupKey.Team);

        Assert.Equal(["x", "y"], grouped.Groups.Select(x => x.Key).Order());
        Assert.Equal(new GroupEdge("x", "y", 1, 1), Assert.Single(grouped.Edges));
    }

    [Fact]
    public void GroupBy_SystemWithoutSystem_UsesNoSystemGroup()
    {
        var g = new DependencyGraphBuilder().Service("a", system: "shop").Service("b").Resource("db").Edge("a", "b").Build();

        var grouped = GraphSubsets.GroupBy(g, [0, 1, 2], GroupKey.System);

        Assert.Equal([(GraphSubsets.NoSystem, 1, 1), ("shop", 1, 0)], grouped.Groups.Select(x => (x.Key, x.Services, x.Resources)));
    }
}
