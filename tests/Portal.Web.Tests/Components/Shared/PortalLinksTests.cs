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
    [InlineData("ns", "edit", "/catalog/ns/edit/overview")]
    [InlineData("ns", "Dependencies", "/catalog/ns/Dependencies/overview")]
    [InlineData("default", "edit", "/catalog/edit")]
    [InlineData("ns", "editor", "/catalog/ns/editor")]
    public void Service_NamedLikeAPageUnderAService_LinksToItsOverviewNotThatPage(string ns, string name, string expected)
    {
        Assert.Equal(expected, PortalLinks.Service(ns, name));
        Assert.Equal(expected, PortalLinks.Service(ns == "default" ? name : $"{ns}/{name}"));
    }

    [Fact]
    public void Team_NamedOnCallInANamespace_LinksToItsOverviewNotItsParentsOnCallPage() =>
        Assert.Equal(("/teams/ops/on-call/overview", "/teams/ops/on-call/overview"), (PortalLinks.Team("ops", "on-call"), PortalLinks.Team("ops/on-call")));

    [Fact]
    public void OverviewLinks_PagesAnswerThem()
    {
        static IEnumerable<string> Routes(Type page) =>
            page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => r.Template);

        Assert.Contains("/catalog/{Namespace}/{Name}/overview", Routes(typeof(Portal.Web.Components.Pages.Catalog.ServiceDetails)));
        Assert.Contains("/teams/{Namespace}/{Name}/overview", Routes(typeof(Portal.Web.Components.Pages.Teams.TeamDetails)));
    }

    [Theory]
    [InlineData("ns/edit", "/scorecards/ns/edit")]
    [InlineData("checkout", "/scorecards/checkout")]
    [InlineData("framework", "/scorecards/default/framework")]
    public void Scorecard_Reference_LinksToTheServiceScorecardNotTheFrameworkPage(string reference, string expected) =>
        Assert.Equal(expected, PortalLinks.Scorecard(reference));
}
