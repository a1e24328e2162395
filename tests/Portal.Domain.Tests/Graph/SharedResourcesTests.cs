using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class SharedResourcesTests
{
    [Fact]
    public void SharedResources_TwoWritersFromTwoTeams_FlagsMultipleWritersAcrossTeams()
    {
        var g = Services("shop:orders", "billing:invoices").Resource("orders-db", ownerTeam: "shop")
            .Uses("orders", "orders-db", ResourceAccess.ReadWrite)
            .Uses("invoices", "orders-db", ResourceAccess.Write)
            .Build();

        var shared = Assert.Single(GraphAnalysis.SharedResources(g));

        Assert.True(shared.MultipleWriters);
        Assert.True(shared.CrossTeam);
        Assert.Equal(["billing", "shop"], shared.Teams);
        Assert.Contains("single writer", shared.Remedy);
    }

    [Fact]
    public void SharedResources_OneWriterAndReaders_NotMultipleWriters()
    {
        var g = Services("shop:orders", "shop:reports", "shop:search").Resource("orders-db")
            .Uses("orders", "orders-db", ResourceAccess.Write)
            .Uses("reports", "orders-db", ResourceAccess.Read)
            .Uses("search", "orders-db", ResourceAccess.Read)
            .Build();

        var shared = Assert.Single(GraphAnalysis.SharedResources(g));

        Assert.Equal(1, shared.Writers);
        Assert.False(shared.MultipleWriters);
        Assert.False(shared.CrossTeam);
        Assert.Contains("1 may write (orders); 2 only read.", shared.Summary);
    }

    [Fact]
    public void SharedResources_UndeclaredAccess_CountsAsPossibleWriterAndSaysSo()
    {
        var g = Services("orders", "legacy").Resource("db")
            .Uses("orders", "db", ResourceAccess.Write)
            .Uses("legacy", "db", null)
            .Build();

        var shared = Assert.Single(GraphAnalysis.SharedResources(g));

        Assert.Equal((2, 1), (shared.Writers, shared.UndeclaredAccess));
        Assert.Contains("counting legacy as possible writer because no access is declared", shared.Summary);
    }

    [Fact]
    public void SharedResources_OneUserOverTwoEdges_NotShared()
    {
        var g = Services("orders").Resource("db")
            .Uses("orders", "db", ResourceAccess.Read)
            .Uses("orders", "db", ResourceAccess.Write)
            .Build();

        Assert.Empty(GraphAnalysis.SharedResources(g));
    }

    [Fact]
    public void SharedResources_UserReadsAndWritesOverTwoEdges_CombinedAsReadWrite()
    {
        var g = Services("orders", "reports").Resource("db")
            .Uses("orders", "db", ResourceAccess.Read)
            .Uses("orders", "db", ResourceAccess.Write)
            .Uses("reports", "db", ResourceAccess.Read)
            .Build();

        var orders = Assert.Single(Assert.Single(GraphAnalysis.SharedResources(g)).Users, u => u.Ref == "orders");

        Assert.Equal(ResourceAccess.ReadWrite, orders.Access);
    }

    [Fact]
    public void SharedResources_SeveralFindings_MultipleWritersAcrossTeamsFirst()
    {
        var g = Services("x:a", "x:b", "y:c").Resource("readonly-db").Resource("contested-db")
            .Uses("a", "readonly-db", ResourceAccess.Read).Uses("b", "readonly-db", ResourceAccess.Write)
            .Uses("a", "contested-db", ResourceAccess.Write).Uses("c", "contested-db", ResourceAccess.Write)
            .Build();

        Assert.Equal(["contested-db", "readonly-db"], GraphAnalysis.SharedResources(g).Select(s => s.Resource));
    }

    [Fact]
    public void SharedResources_UnownedUser_ListedAsUnownedTeam()
    {
        var g = Services("x:a", "b").Resource("db").Uses("a", "db", ResourceAccess.Read).Uses("b", "db", ResourceAccess.Read).Build();

        Assert.Equal([GraphAnalysis.Unowned, "x"], Assert.Single(GraphAnalysis.SharedResources(g)).Teams);
    }
}
