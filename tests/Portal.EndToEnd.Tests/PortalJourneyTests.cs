using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Journeys through a Portal holding the demo company. Tests only read, so they share one app and
/// database and may run in any order; each has its own browser context, so nobody starts signed in.
/// </summary>
public sealed partial class PortalJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Admin = "erik.johansson";
    private const string Editor = "ada.okafor";

    [Fact]
    public async Task Catalog_SignedInAsAdmin_ListsServices()
    {
        await SignInAsync(Admin);
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Erik Johansson");

        await GoToAsync("/catalog");

        // Sorted by name, 25 a page: the first page runs from Accounting Sync to Payment Links.
        var grid = Page.GetByTestId("services-grid");
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Accounting Sync", Exact = true })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Payments Core", Exact = true }).First).ToBeVisibleAsync();
        await Expect(grid).ToContainTextAsync("1-25 of 40");
        await ScreenshotAsync("catalog");
    }

    [Fact]
    public async Task CatalogSearch_TypeLedger_PutsQueryInUrlAndNarrowsGrid()
    {
        await SignInAsync(Admin);
        await GoToAsync("/catalog");
        var grid = Page.GetByTestId("services-grid");
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Acquirer Adapter", Exact = true })).ToBeVisibleAsync();

        // MudTextField puts user attributes on the <input> itself, not on its wrapper.
        await Page.Locator("input[data-testid='catalog-search']").FillAsync("ledger");

        await Expect(Page).ToHaveURLAsync(LedgerQuery());
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Acquirer Adapter", Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync("search");
    }

    [Fact]
    public async Task ServicePage_Payments_ShowsTitleAndOwningTeam()
    {
        await SignInAsync(Admin);

        await GoToAsync("/catalog/payments");

        await Expect(Page.GetByTestId("service-title")).ToHaveTextAsync("Payments");
        await Expect(Page.GetByTestId("service-owner")).ToContainTextAsync("Payments Core");
        await ScreenshotAsync("service");
    }

    [Fact]
    public async Task Catalog_NotSignedIn_RedirectsToSignIn()
    {
        await Page.GotoAsync("/catalog");

        await Expect(Page).ToHaveURLAsync(SignInWithReturnToCatalog());
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("signin-" + Admin)).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("services-grid")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Teams_SignedInAsEditor_ListsTeamsWithMemberCounts()
    {
        await SignInAsync(Editor);

        await GoToAsync("/teams");

        var grid = Page.GetByTestId("teams-grid");
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Payments Core", Exact = true })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = "Platform", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("teams");
    }

    [Fact]
    public async Task TeamPage_PaymentsCore_ShowsMembersAndOwnedServices()
    {
        await SignInAsync(Editor);

        await GoToAsync("/teams/payments-core");

        await Expect(Page.GetByTestId("team-title")).ToHaveTextAsync("Payments Core");
        await Expect(Page.GetByText("Members (")).ToBeVisibleAsync();
        // Members may also show as on call right now, so look inside the members and services panels.
        var members = Page.GetByTestId("team-members");
        await Expect(members.GetByRole(AriaRole.Link, new() { Name = "Ada Okafor", Exact = true })).ToBeVisibleAsync();
        await Expect(members.GetByRole(AriaRole.Link, new() { Name = "Diego Alvarez", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("team-services").GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("team");
    }

    [GeneratedRegex(@"[?&]q=ledger(&|$)")]
    private static partial Regex LedgerQuery();

    [Fact]
    public async Task SignIn_AfterRedirectFromCatalog_ReturnsToCatalog()
    {
        await Page.GotoAsync("/catalog");
        await Expect(Page).ToHaveURLAsync(SignInWithReturnToCatalog());
        await WaitForInteractiveAsync();

        await Page.GetByTestId("signin-" + Editor).ClickAsync();

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/catalog");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Ada Okafor");
        await Expect(Page.GetByTestId("services-grid").GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true })).ToBeVisibleAsync();
    }

    // The cookie middleware's challenge spells it ReturnUrl; the page reads it either way.
    [GeneratedRegex(@"/signin\?returnUrl=%2Fcatalog$", RegexOptions.IgnoreCase)]
    private static partial Regex SignInWithReturnToCatalog();
}
