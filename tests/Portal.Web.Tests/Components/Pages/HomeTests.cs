using Bunit;
using Portal.Domain.Security;
using Portal.Web.Components.Pages;

namespace Portal.Web.Tests.Components.Pages;

public sealed class HomeTests : ComponentTest
{
    [Fact]
    public void Home_EmptyCatalog_ShowsOnboardingWithThreeWaysToStart()
    {
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=onboarding]")));
        Assert.Contains("Import a Backstage catalog", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Connect GitHub", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=load-demo]"));
    }

    [Fact]
    public void Home_LoadDemoClicked_ShowsTheDashboardWithRealCounts()
    {
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=load-demo]")));

        page.Find("[data-testid=load-demo]").Click();

        page.WaitForAssertion(() => Assert.Equal("40", page.Find("[data-testid=count-services]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=onboarding]"));
    }

    [Fact]
    public void Home_Viewer_CannotLoadDemoData()
    {
        SignIn("someone", PortalRole.Viewer);
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=onboarding]")));
        Assert.Empty(page.FindAll("[data-testid=load-demo]"));
        Assert.Contains("Ask an admin", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithCatalog_ShowsCountsFromTheDatabase()
    {
        await SeedDemoAsync();
        SignIn("erik.johansson", PortalRole.Admin);
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=count-unowned]").TextContent.Trim()));
    }
}
