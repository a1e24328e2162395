using Portal.Domain.Graph;

namespace Portal.Domain.Tests.Graph;

public class GraphFixturesTests
{
    [Fact]
    public void Generate_SameArguments_SameGraph()
    {
        var first = GraphFixtures.Generate(500, 2_000, seed: 7);
        var second = GraphFixtures.Generate(500, 2_000, seed: 7);

        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Edges, second.Edges);
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentEdges()
    {
        Assert.NotEqual(GraphFixtures.Generate(500, 2_000, seed: 1).Edges, GraphFixtures.Generate(500, 2_000, seed: 2).Edges);
    }

    [Fact]
    public void Generate_10000Services_HasRequestedEdgesResourcesTeamsAndCycles()
    {
        var g = GraphFixtures.Generate(10_000, 50_000, seed: 42);

        Assert.Equal(10_000, g.Nodes.Count(n => n.Kind == NodeKind.Service));
        Assert.Equal(50_000, g.EdgeCount);
        Assert.Contains(g.Nodes, n => n.Kind == NodeKind.Resource);
        Assert.True(g.Nodes.Select(n => n.OwnerTeam).Distinct().Count() > 100);
        Assert.NotEmpty(GraphAnalysis.FindCycles(g));
    }

    [Fact]
    public void Generate_TinyGraph_ReturnsFewerEdgesThanAskedInsteadOfLooping()
    {
        var g = GraphFixtures.Generate(2, 1_000, seed: 1);

        Assert.InRange(g.EdgeCount, 0, 10);
    }

    [Fact]
    public void Generate_NoServices_EmptyGraph()
    {
        Assert.Equal(0, GraphFixtures.Generate(0, 100, seed: 1).NodeCount);
    }
}
