using System.Text.Json;
using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class GraphAnalysisTests
{
    [Fact]
    public void Analyze_EmptyGraph_ReturnsEmptyResults()
    {
        var result = GraphAnalysis.Analyze(DependencyGraph.Empty);

        Assert.Empty(result.Cycles);
        Assert.Empty(result.SyncChains);
        Assert.Empty(result.RetryAmplification);
        Assert.Empty(result.TimeoutInversions);
        Assert.Empty(result.SharedResources);
        Assert.Empty(result.SinglePointsOfFailure);
        Assert.Empty(result.CrossTeamCoupling);
    }

    [Fact]
    public void Analyze_Serialised_HasTheApiFieldNames()
    {
        var json = JsonSerializer.SerializeToElement(GraphAnalysis.Analyze(DependencyGraph.Empty), JsonSerializerOptions.Web);

        Assert.Equal(
            ["version", "cycles", "syncChains", "retryAmplification", "timeoutInversions", "sharedResources", "singlePointsOfFailure", "crossTeamCoupling"],
            json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Analyze_SmallGraphWithEveryProblem_EveryFindingExplainsItself()
    {
        var g = Services("shop:web", "shop:cart", "pay:checkout", "pay:payments", "core:auth")
            .Resource("orders-db")
            .Edge("web", "cart", timeoutMs: 500, retries: 2)
            .Edge("web", "checkout", timeoutMs: 500, retries: 2)
            .Edge("cart", "auth").Edge("checkout", "auth").Edge("payments", "auth")
            .Edge("checkout", "payments", timeoutMs: 2000, retries: 3)
            .Edge("payments", "checkout")
            .Uses("cart", "orders-db", ResourceAccess.Write).Uses("payments", "orders-db", null)
            .Build();

        var result = GraphAnalysis.Analyze(g);

        IEnumerable<IGraphFinding> all =
        [
            .. result.Cycles, .. result.SyncChains, .. result.RetryAmplification, .. result.TimeoutInversions,
            .. result.SharedResources, .. result.SinglePointsOfFailure, .. result.CrossTeamCoupling,
        ];
        Assert.Equal(7, all.Select(f => f.GetType()).Distinct().Count());
        Assert.All(all, f => Assert.False(string.IsNullOrWhiteSpace(f.Summary) || string.IsNullOrWhiteSpace(f.Remedy)));
    }

    [Fact]
    public void Analyze_Generated10000ServicesAnd50000Edges_CompletesWithFindings()
    {
        var g = GraphFixtures.Generate(10_000, 50_000, seed: 42);

        var result = GraphAnalysis.Analyze(g);

        Assert.NotEmpty(result.Cycles);
        Assert.Equal(20, result.SyncChains.Count);
        Assert.Equal(20, result.RetryAmplification.Count);
        Assert.NotEmpty(result.TimeoutInversions);
        Assert.NotEmpty(result.SharedResources);
        Assert.NotEmpty(result.SinglePointsOfFailure);
        Assert.NotEmpty(result.CrossTeamCoupling);
    }

    [Fact]
    public void Analyze_MaxFindings_CapsEveryOtherList()
    {
        var g = GraphFixtures.Generate(2_000, 10_000, seed: 3);

        var result = GraphAnalysis.Analyze(g, new AnalysisOptions(TopK: 5, MaxFindings: 3));

        Assert.Equal(
            [5, 5, 3, 3, 3, 3, 3],
            [
                result.SyncChains.Count, result.RetryAmplification.Count, result.Cycles.Count, result.TimeoutInversions.Count,
                result.SharedResources.Count, result.SinglePointsOfFailure.Count, result.CrossTeamCoupling.Count,
            ]);
    }

    [Fact]
    public void Analyze_MaxFindings_KeepsTheWorst()
    {
        var g = GraphFixtures.Generate(2_000, 10_000, seed: 3);

        var all = GraphAnalysis.Analyze(g);
        var capped = GraphAnalysis.Analyze(g, new AnalysisOptions(MaxFindings: 3));

        Assert.Equal(all.SinglePointsOfFailure.Take(3), capped.SinglePointsOfFailure, (a, b) => a.Ref == b.Ref && a.BlastRadius == b.BlastRadius);
        Assert.Equal(all.TimeoutInversions.Take(3).Select(i => i.Summary), capped.TimeoutInversions.Select(i => i.Summary));
    }

    [Fact]
    public void Analyze_MaxListed_CutsListsInsideFindingsAndKeepsTheirCounts()
    {
        var g = GraphFixtures.Generate(2_000, 10_000, seed: 3);

        var all = GraphAnalysis.Analyze(g);
        var capped = GraphAnalysis.Analyze(g, new AnalysisOptions(MaxListed: 2));

        Assert.Contains(capped.Cycles, c => c.Truncated);
        Assert.Equal(all.Cycles.Select(c => (c.Services.Count, c.Edges.Count)), capped.Cycles.Select(c => (c.ServiceCount, c.EdgeCount)));
        Assert.Equal(all.Cycles.Select(c => string.Join(',', c.Services.Take(2))), capped.Cycles.Select(c => string.Join(',', c.Services)));
        Assert.Equal(all.SinglePointsOfFailure.Select(s => string.Join(',', s.Dependents.Take(2))), capped.SinglePointsOfFailure.Select(s => string.Join(',', s.Dependents)));
        Assert.Equal(all.SharedResources.Select(r => (r.Users.Count, r.Teams.Count)), capped.SharedResources.Select(r => (r.UserCount, r.TeamCount)));
        Assert.All(capped.SharedResources, r => Assert.InRange(r.Users.Count, 0, 2));
        Assert.Equal(all.CrossTeamCoupling.Select(t => string.Join(',', t.OtherTeams.Take(2))), capped.CrossTeamCoupling.Select(t => string.Join(',', t.OtherTeams)));
        Assert.Equal(all.CrossTeamCoupling.Select(t => t.OtherTeams.Count), capped.CrossTeamCoupling.Select(t => t.OtherTeamCount));
        Assert.Equal(all.Cycles.Select(c => c.Summary), capped.Cycles.Select(c => c.Summary));
    }

    [Fact]
    public void Analyze_NegativeTopK_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphAnalysis.Analyze(DependencyGraph.Empty, new AnalysisOptions(TopK: -1)));
    }
}
