using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class CyclesTests
{
    [Fact]
    public void FindCycles_ThreeServiceLoop_ReturnsItWithItsEdges()
    {
        var g = Services("a", "b", "c", "d")
            .Edge("a", "b").Edge("b", "c").Edge("c", "a")
            .Edge("d", "a")
            .Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g));

        Assert.Equal(["a", "b", "c"], cycle.Services);
        Assert.Equal(["a>b", "b>c", "c>a"], cycle.Edges.Select(e => $"{e.From}>{e.To}").Order());
        Assert.Equal(["a", "b", "c", "a"], cycle.Example);
    }

    [Fact]
    public void FindCycles_AllSynchronousLoop_IsSynchronous()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("b", "c", InteractionKind.SyncGrpc).Edge("c", "a").Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g));

        Assert.True(cycle.IsSynchronous);
        Assert.Contains("a → b → c → a is a synchronous cycle", cycle.Summary);
    }

    [Fact]
    public void FindCycles_LoopBrokenByAsyncEdge_IsNotSynchronousAndNamesTheEdge()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("b", "c").Edge("c", "a", InteractionKind.AsyncEvent).Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g));

        Assert.False(cycle.IsSynchronous);
        Assert.Contains("c ⇢ a (async-event)", cycle.Summary);
    }

    [Fact]
    public void FindCycles_SynchronousLoopInsideLargerAsyncLoop_IsSynchronousWithSyncExample()
    {
        // a ↔ b synchronously; b ⇢ c ⇢ a closes a bigger loop only through async edges.
        var g = Services("a", "b", "c")
            .Edge("a", "b").Edge("b", "a")
            .Edge("b", "c", InteractionKind.AsyncQueue).Edge("c", "a")
            .Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g));

        Assert.True(cycle.IsSynchronous);
        Assert.Equal(3, cycle.Services.Count);
        Assert.Equal(["a", "b", "a"], cycle.Example);
    }

    [Fact]
    public void FindCycles_SelfCall_Reported()
    {
        var g = Services("a", "b").Edge("a", "a").Edge("a", "b").Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g));

        Assert.Equal(["a"], cycle.Services);
        Assert.Equal(["a", "a"], cycle.Example);
    }

    [Fact]
    public void FindCycles_AcyclicGraph_ReturnsNone()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("a", "c").Edge("b", "c").Build();

        Assert.Empty(GraphAnalysis.FindCycles(g));
    }

    [Fact]
    public void FindCycles_TwoLoops_SynchronousFirst()
    {
        var g = Services("a", "b", "x", "y")
            .Edge("a", "b").Edge("b", "a", InteractionKind.AsyncEvent)
            .Edge("x", "y").Edge("y", "x")
            .Build();

        var cycles = GraphAnalysis.FindCycles(g);

        Assert.Equal([true, false], cycles.Select(c => c.IsSynchronous));
    }

    [Fact]
    public void FindCycles_RingOf100000Services_CompletesWithoutStackOverflow()
    {
        const int count = 100_000;
        var builder = new DependencyGraphBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Service($"s{i}");
        }

        for (var i = 0; i < count; i++)
        {
            builder.Edge($"s{i}", $"s{(i + 1) % count}");
        }

        var cycle = Assert.Single(GraphAnalysis.FindCycles(builder.Build()));

        Assert.Equal(count, cycle.Services.Count);
        Assert.Equal(count + 1, cycle.Example.Count);
    }

    [Fact]
    public void FindCycles_MaxListed_ListsThatManyCountsAllAndStartsEdgesWithTheLoop()
    {
        // A ring a → b → c → d → e → a with chords b → e and d → b.
        var g = Services("a", "b", "c", "d", "e")
            .Edge("a", "b").Edge("b", "c").Edge("c", "d").Edge("d", "e").Edge("e", "a").Edge("b", "e").Edge("d", "b")
            .Build();

        var cycle = Assert.Single(GraphAnalysis.FindCycles(g, maxListed: 2));

        Assert.Equal(["a", "b"], cycle.Services);
        Assert.Equal((5, 7, 2), (cycle.ServiceCount, cycle.EdgeCount, cycle.Edges.Count));
        Assert.True(cycle.Truncated);
        Assert.Equal(cycle.Example.Take(3), [cycle.Edges[0].From, cycle.Edges[0].To, cycle.Edges[1].To]);
        Assert.False(Assert.Single(GraphAnalysis.FindCycles(g)).Truncated);
    }

    [Fact]
    public void InSameCycle_MembersOfOneKnotTrue_AcrossKnotsFalse()
    {
        var g = Services("a", "b", "c", "d", "e")
            .Edge("a", "b").Edge("b", "a").Edge("b", "c").Edge("c", "d").Edge("d", "c").Edge("e", "e")
            .Build();

        Assert.True(GraphAnalysis.InSameCycle(g, "a", "b"));
        Assert.True(GraphAnalysis.InSameCycle(g, "d", "c"));
        Assert.False(GraphAnalysis.InSameCycle(g, "a", "c"));
        Assert.True(GraphAnalysis.InSameCycle(g, "e", "e"));
        Assert.True(GraphAnalysis.InSameCycle(g, "a", "a"));
        Assert.False(GraphAnalysis.InSameCycle(g, "c", "e"));
        Assert.False(GraphAnalysis.InSameCycle(g, "a", "nope"));
    }
}
