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

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void UpstreamSizer_EveryNode_SameCountAndTierAsAWalkFromIt(bool followAsync, bool stopAtFallback)
    {
        var options = new BlastRadiusOptions(followAsync, stopAtFallback);
        foreach (var g in new[] { LayeredWithCallsBackUp(1_500, seed: 1), GraphFixtures.Generate(1_500, 7_000, seed: 9) })
        {
            var sizer = new GraphAnalysis.UpstreamSizer(g, options);
            var walk = new GraphAnalysis.UpstreamCounter(g);

            var differing = Enumerable.Range(0, g.NodeCount).Where(v => sizer.Count(v) != walk.Count(v, options)).Take(5).ToList();

            Assert.True(differing.Count == 0, string.Join("; ", differing.Select(v => $"{g.Nodes[v].Ref}: {sizer.Count(v)} vs {walk.Count(v, options)}")));
        }
    }

    [Fact]
    public void SinglePointsOfFailure_MaxDepth_StillCountsWithinTheDepth()
    {
        var g = Services("auth", "a", "b", "c", "web", "top").Edge("a", "auth").Edge("b", "auth").Edge("c", "auth").Edge("web", "a").Edge("top", "web").Build();

        var spof = Assert.Single(GraphAnalysis.SinglePointsOfFailure(g, options: new BlastRadiusOptions(MaxDepth: 2)));

        Assert.Equal(4, spof.BlastRadius);
    }

    /// <summary>Like <c>seed scale</c>: services mostly call later ones, one call in twenty goes anywhere, so most end up in one knot.</summary>
    private static DependencyGraph LayeredWithCallsBackUp(int n, int seed)
    {
        var random = new Random(seed);
        var builder = new DependencyGraphBuilder();
        for (var i = 0; i < n; i++)
        {
            builder.Service($"s{i:00000}", tier: 1 + random.Next(3));
        }

        InteractionKind[] kinds = [InteractionKind.SyncHttp, InteractionKind.SyncGrpc, InteractionKind.AsyncEvent, InteractionKind.Unknown];
        var edges = new HashSet<(int, int)>();
        for (var attempt = 0; edges.Count < 5 * n && attempt < 15 * n; attempt++)
        {
            var from = random.Next(n);
            var to = random.Next(20) == 0 ? random.Next(n) : from + 1 + random.Next(Math.Max(1, Math.Min(100, n - from - 1)));
            if (to < n && to != from && edges.Add((from, to)))
            {
                builder.Edge($"s{from:00000}", $"s{to:00000}", kinds[random.Next(kinds.Length)], fallback: random.Next(4) == 0);
            }
        }

        return builder.Build();
    }
}
