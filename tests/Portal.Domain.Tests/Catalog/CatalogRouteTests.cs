using Portal.Domain.Catalog.Queries;

namespace Portal.Domain.Tests.Catalog;

public sealed class CatalogRouteTests
{
    [Theory]
    [InlineData("default", "payments", "payments")]
    [InlineData("finance", "payments", "finance/payments")]
    [InlineData("default", "a b", "a%20b")]
    public void Route_OrdinaryName_LeavesTheDefaultNamespaceOut(string ns, string name, string expected) =>
        Assert.Equal(expected, CatalogQueries.Route(ns, name));

    [Theory]
    [InlineData("import", "default/import")]
    [InlineData("Import", "default/Import")]
    [InlineData("framework", "default/framework")]
    public void Route_NameThatIsAlsoAPageAddress_KeepsTheNamespace(string name, string expected) =>
        Assert.Equal(expected, CatalogQueries.Route("default", name));
}
