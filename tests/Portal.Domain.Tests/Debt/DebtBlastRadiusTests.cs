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

    [Fact]
    public void Count_ByReachRows_MatchesTheWalkAndTheGraphOnRandomGraphs()
    {
        // 70 services and 10 databases over 5 seeds: knots (cycles), async calls, fallbacks and shared databases. Counting by
        // the reach rows (the default here) must give what the walk (no memory for rows) and the graph's blast radius give.
        for (var seed = 1; seed <= 5; seed++)
        {
            var random = new Random(seed);
            var builder = new DependencyGraphBuilder();
            var services = Enumerable.Range(0, 70).Select(i => $"s{i}").ToList();
            var databases = Enumerable.Range(0, 10).Select(i => $"db{i}").ToList();
            services.ForEach(s => builder.Service(s));
            databases.ForEach(d => builder.Resource(d));
            for (var e = 0; e < 160; e++)
            {
                var (from, to) = (services[random.Next(70)], services[random.Next(70)]);
                if (from != to)
                {
                    builder.Edge(from, to, random.Next(5) == 0 ? InteractionKind.AsyncEvent : InteractionKind.SyncHttp, fallback: random.Next(6) == 0 ? true : null);
                }
            }

            for (var e = 0; e < 25; e++)
            {
                builder.Uses(services[random.Next(70)], databases[random.Next(10)], ResourceAccess.ReadWrite);
            }

            var graph = builder.Build();
            var rows = new DebtBlastRadius(graph, 1);
            var walk = new DebtBlastRadius(graph, 1, reachBudgetBytes: 0);
            foreach (var service in services)
            {
                Assert.Equal(GraphAnalysis.BlastRadius(graph, service).Count, rows.Count([service])!.Count);
            }

            for (var i = 0; i < 300; i++)
            {
                string[] set = [.. Enumerable.Range(0, 1 + random.Next(4)).Select(_ => services[random.Next(70)])];
                var expected = walk.Count(set)!.Count;
                Assert.Equal(expected, rows.Count(set)!.Count);
                Assert.Equal(expected, rows.Count(set, withExample: true)!.Count);
            }
        }
    }
}
