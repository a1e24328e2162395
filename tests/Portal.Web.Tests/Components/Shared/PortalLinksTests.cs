using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components.Shared;

public sealed class PortalLinksTests
{
    [Theory]
    [InlineData("payments", "/catalog/payments")]
    [InlineData("finance/payments", "/catalog/finance/payments")]
    [InlineData("import", "/catalog/default/import")]
    [InlineData("default/import", "/catalog/default/import")]
    public void Service_Reference_LinksToTheServicePageNotAPageOfTheSameName(string reference, string expected) =>
        Assert.Equal(expected, PortalLinks.Service(reference));

    [Fact]
    public void Service_NamespaceAndNameImport_LinksWithTheNamespace() =>
        Assert.Equal("/catalog/default/import", PortalLinks.Service("default", "import"));

    [Theory]
    [InlineData("checkout", "/scorecards/checkout")]
    [InlineData("framework", "/scorecards/default/framework")]
    public void Scorecard_Reference_LinksToTheServiceScorecardNotTheFrameworkPage(string reference, string expected) =>
        Assert.Equal(expected, PortalLinks.Scorecard(reference));
}
