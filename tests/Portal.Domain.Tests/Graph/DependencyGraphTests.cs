using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class DependencyGraphTests
{
    [Fact]
    public void Constructor_DuplicateRef_ThrowsNamingRef()
    {
        GraphNode[] nodes = [new(0, "a", "A", NodeKind.Service, null, null, 3), new(1, "a", "A again", NodeKind.Resource, null, null, 3)];

        var ex = Assert.Throws<ArgumentException>(() => new DependencyGraph(nodes, []));

        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void Constructor_IndexNotPosition_Throws()
    {
        GraphNode[] nodes = [new(1, "a", "A", NodeKind.Service, null, null, 3)];

        Assert.Throws<ArgumentException>(() => new DependencyGraph(nodes, []));
    }

    [Fact]
    public void Constructor_EdgeFromResource_Throws()
    {
        GraphNode[] nodes = [new(0, "db", "DB", NodeKind.Resource, null, null, 3), new(1, "a", "A", NodeKind.Service, null, null, 3)];

        Assert.Throws<ArgumentException>(() => new DependencyGraph(nodes, [new GraphEdge(0, 1, InteractionKind.SyncHttp)]));
    }

    [Fact]
    public void Constructor_EdgeOutsideNodes_Throws()
    {
        GraphNode[] nodes = [new(0, "a", "A", NodeKind.Service, null, null, 3)];

        Assert.Throws<ArgumentException>(() => new DependencyGraph(nodes, [new GraphEdge(0, 5, InteractionKind.SyncHttp)]));
    }

    [Fact]
    public void OutgoingAndIncoming_SeveralEdges_KeepInputOrderPerNode()
    {
        var g = Services("a", "b", "c").Edge("a", "c").Edge("b", "c").Edge("a", "b").Build();

        Assert.Equal(["a>c", "a>b"], EdgeNames(g, g.OutgoingEdges(0).ToArray()));
        Assert.Equal(["c", "b"], Refs(g, g.Callees(0).ToArray()));
        Assert.Equal(["a", "b"], Refs(g, g.Callers(2).ToArray()));
        Assert.Empty(g.IncomingEdges(0).ToArray());
    }

    [Fact]
    public void TryGetIndex_KnownAndUnknownRef_FindsOnlyKnown()
    {
        var g = Services("a", "b").Build();

        Assert.True(g.TryGetIndex("b", out var b));
        Assert.Equal(1, b);
        Assert.False(g.TryGetIndex("z", out _));
        Assert.Null(g.Find("z"));
    }

    [Theory]
    [InlineData(InteractionKind.SyncHttp, true)]
    [InlineData(InteractionKind.SyncGrpc, true)]
    [InlineData(InteractionKind.Unknown, true)]
    [InlineData(InteractionKind.AsyncEvent, false)]
    [InlineData(InteractionKind.AsyncQueue, false)]
    [InlineData(InteractionKind.Library, false)]
    [InlineData(InteractionKind.SharedDatabase, false)]
    public void IsBlocking_ServiceToServiceEdge_OnlySynchronousAndUnknownKinds(InteractionKind kind, bool blocking)
    {
        var g = Services("a", "b").Edge("a", "b", kind).Build();

        Assert.Equal(blocking, g.IsBlocking(0));
    }

    [Fact]
    public void IsBlocking_SharedDatabaseToResource_IsBlocking()
    {
        var g = Services("a").Resource("db").Uses("a", "db", ResourceAccess.Read).Build();

        Assert.True(g.IsBlocking(0));
    }

    [Fact]
    public void Builder_EdgeToUnknownRef_Throws()
    {
        var builder = Services("a");

        Assert.Throws<ArgumentException>(() => builder.Edge("a", "missing"));
    }
}
