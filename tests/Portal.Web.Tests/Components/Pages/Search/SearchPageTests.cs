using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Search;

namespace Portal.Web.Tests.Components.Pages.Search;

public sealed class SearchPageTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchPage_Payments_GroupsByKindWithTheExactTeamFirst()
    {
        await using (var db = Db.CreateContext())
        {
            for (var i = 1; i <= 9; i++)
            {
                db.Services.Add(new Service($"payments-job-{i}"));
            }

            db.Teams.Add(new Team("payments", "Payments"));
            await db.SaveChangesAsync(Ct);
        }

        SignIn("someone", PortalRole.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/search?q=payments");
        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=search-group]").Count));
        var groups = page.FindAll("[data-testid=search-group]");
        Assert.StartsWith("Teams (1)", groups[0].QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Services (9)", groups[1].QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SearchPage.PerKind, groups[1].QuerySelectorAll("[data-testid=search-hit]").Length);
        Assert.Equal("/search?q=payments&kind=service", groups[1].QuerySelector("[data-testid=search-more]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchPage_OneKindSecondPage_ShowsTheRestWithAPreviousLink()
    {
        await using (var db = Db.CreateContext())
        {
            for (var i = 1; i <= SearchPage.PageSize + 3; i++)
            {
                db.Services.Add(new Service($"ledger-{i:00}"));
            }

            await db.SaveChangesAsync(Ct);
        }

        SignIn("someone", PortalRole.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/search?q=ledger&kind=service&page=2");
        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=search-hit]").Count));
        Assert.Contains($"{SearchPage.PageSize + 3} services matching", page.Find("[data-testid=search-kind-title]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/search?q=ledger&kind=service", page.Find("[data-testid=search-previous]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=search-next]"));
    }

    [Fact]
    public void SearchPage_NothingMatches_SaysSoAndOffersTheCatalog()
    {
        SignIn("someone", PortalRole.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/search?q=zzz");
        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing matches “zzz”", page.Markup, StringComparison.Ordinal));
        Assert.NotNull(page.Find("a[href='/catalog']"));
    }
}
