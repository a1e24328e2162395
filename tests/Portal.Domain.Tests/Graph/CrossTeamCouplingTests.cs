using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class CrossTeamCouplingTests
{
    [Fact]
    public void CrossTeamCoupling_MixedEdges_CountsShareAndSortsHighestFirst()
    {
        var g = Services("x:a1", "x:a2", "y:b1")
            .Edge("a1", "a2").Edge("a1", "b1").Edge("a2", "b1", InteractionKind.AsyncEvent)
            .Edge("b1", "a1")
            .Build();

        var coupling = GraphAnalysis.CrossTeamCoupling(g);

        Assert.Equal(["y", "x"], coupling.Select(c => c.Team));
        var x = coupling[1];
        Assert.Equal((2, 3, 2), (x.Services, x.OutgoingEdges, x.CrossTeamEdges));
        Assert.Equal(2d / 3, x.Share, 6);
    }

    [Fact]
    public void CrossTeamCoupling_OtherTeams_MostCalledFirst()
    {
        var g = Services("x:a", "y:b", "z:c1", "z:c2").Edge("a", "b").Edge("a", "c1").Edge("a", "c2").Build();

        var x = Assert.Single(GraphAnalysis.CrossTeamCoupling(g));

        Assert.Equal([new TeamEdgeCount("z", 2), new TeamEdgeCount("y", 1)], x.OtherTeams);
        Assert.Contains("3 of 3 calls", x.Summary);
    }

    [Fact]
    public void CrossTeamCoupling_ServicesWithoutOwner_GroupedAsUnowned()
    {
        var g = Services("loose", "x:a").Edge("loose", "a").Build();

        Assert.Equal(GraphAnalysis.Unowned, Assert.Single(GraphAnalysis.CrossTeamCoupling(g)).Team);
    }

    [Fact]
    public void CrossTeamCoupling_EdgesToResources_Ignored()
    {
        var g = Services("x:a").Resource("db", ownerTeam: "y").Uses("a", "db", ResourceAccess.Read).Build();

        Assert.Empty(GraphAnalysis.CrossTeamCoupling(g));
    }

    [Fact]
    public void CrossTeamCoupling_TeamOnlyCalled_Omitted()
    {
        var g = Services("x:a", "y:b").Edge("a", "b").Build();

        Assert.Equal(["x"], GraphAnalysis.CrossTeamCoupling(g).Select(c => c.Team));
    }

    [Fact]
    public void CrossTeamCoupling_AllCallsWithinTeam_ShareZero()
    {
        var g = Services("x:a", "x:b").Edge("a", "b").Build();

        var x = Assert.Single(GraphAnalysis.CrossTeamCoupling(g));

        Assert.Equal(0, x.Share);
        Assert.Contains("stay within the team", x.Summary);
    }

    [Fact]
    public void CrossTeamCoupling_CallsOnlyToUnownedServices_RemedyAsksForOwners()
    {
        var g = Services("x:a", "loose").Edge("a", "loose").Build();

        Assert.Contains("give them owners", Assert.Single(GraphAnalysis.CrossTeamCoupling(g)).Remedy);
    }
}
