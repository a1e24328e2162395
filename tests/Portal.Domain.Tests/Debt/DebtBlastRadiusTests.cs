using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Graph;
using Portal.Domain.Tests.Graph;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtBlastRadiusTests
{
    // web → api → db-svc; jobs → db-svc; reports ⇢ api (async: does not spread); admin → api with a fallback.
    private static DebtBlastRadius Radius() => new(
        GraphTestData.Services("web", "api", "db-svc", "jobs", "reports", "admin")
            .Edge("web", "api")
            .Edge("api", "db-svc")
            .Edge("jobs", "db-svc")
            .Edge("reports", "api", InteractionKind.AsyncEvent)
            .Edge("admin", "api", fallback: true)
            .Build(),
        graphVersion: 5);

    [Fact]
    public void Count_OneService_CountsWhatFailsWithItAsTheGraphDoes()
    {
        var count = Radius().Count(["db-svc"], withExample: true)!;
        Assert.Equal(3, count.Count);
        Assert.Equal(5, count.GraphVersion);
        Assert.Subset(new HashSet<string> { "api", "jobs", "web" }, count.Example.ToHashSet());
    }

    [Fact]
    public void Count_MatchesTheGraphsBlastRadiusForEachService()
    {
        var graph = GraphTestData.Services("a", "b", "c", "d", "e").Edge("a", "b").Edge("b", "c").Edge("c", "a").Edge("d", "c").Edge("e", "d", fallback: true).Build();
        var radius = new DebtBlastRadius(graph, 1);
        foreach (var node in graph.Nodes)
        {
            Assert.Equal(GraphAnalysis.BlastRadius(graph, node.Ref).Count, radius.Count([node.Ref])!.Count);
        }
    }

    [Fact]
    public void Count_SeveralServices_CountsTheUnionWithoutTheServicesThemselves()
    {
        // api's radius is {web}; jobs has none; db-svc's is {api, web, jobs}. Together, leaving themselves out: {web}.
        Assert.Equal(1, Radius().Count(["api", "jobs", "db-svc"])!.Count);
        Assert.Equal(1, Radius().Count(["api", "jobs"])!.Count);
    }

    [Fact]
    public void Count_NoServiceInTheGraph_IsNull()
    {
        Assert.Null(Radius().Count(["gone"]));
        Assert.Null(Radius().Count([]));
    }

    [Fact]
    public void Count_UnknownServiceBesideAKnownOne_IsIgnored() =>
        Assert.Equal(3, Radius().Count(["db-svc", "gone"])!.Count);
}
