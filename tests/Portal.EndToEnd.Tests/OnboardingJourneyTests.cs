using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>A first visit to an empty Portal. Its own app and database: loading demo data changes both.</summary>
public sealed partial class OnboardingJourneyTests(PortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task LoadDemoData_EmptyCatalogAsLocalAdmin_ShowsDashboardWithFortyServices()
    {
        await GoToAsync("/signin");
        await Expect(Page.GetByTestId("signin-local-admin")).ToContainTextAsync("Continue as local administrator");
        await Page.GetByTestId("signin-local-admin").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("onboarding")).ToContainTextAsync("Explore with demo data");
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Local administrator");
        await ScreenshotAsync("onboarding");

        await Page.GetByTestId("load-demo").ClickAsync();

        // Seeding 40 services with their graph takes a few seconds on a small machine.
        await Expect(Page.GetByTestId("dashboard")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("count-services")).ToHaveTextAsync(ServicesCount());
        await Expect(Page.GetByTestId("onboarding")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Loaded 40 services");
        await ScreenshotAsync("dashboard");
    }

    [GeneratedRegex(@"^\s*40\s*$")]
    private static partial Regex ServicesCount();
}
