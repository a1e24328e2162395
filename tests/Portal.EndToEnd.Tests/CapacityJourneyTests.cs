using Portal.Domain.Debt;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Capacity planning as a team lead meets it on the demo company: plan next quarter's capacity for their team and see
/// it under its 20%, on a desktop and on a 390 px phone. It changes data, so it gets an app of its own.
/// </summary>
public sealed class CapacityJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private static Quarter NextQuarter => Quarter.Of(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)).Next;

    [Fact]
    public async Task PlanAQuarter_EditorEntersCapacity_SeesTheTeamUnderItsTwentyPercent()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/debt");
        await Page.GetByTestId("debt-capacity-link").ClickAsync();
        await Expect(Page.GetByTestId("capacity-quarter")).ToBeVisibleAsync();
        await GoToAsync($"/debt/capacity?quarter={NextQuarter}");

        var row = Page.Locator("[data-testid=capacity-row][data-team=payments-core]");
        await row.GetByTestId("capacity-edit").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.GetByTestId("capacity-people").FillAsync("5");
        await dialog.GetByTestId("capacity-days").FillAsync("60");
        await dialog.GetByTestId("capacity-share").FillAsync("20");
        await Expect(dialog.GetByTestId("capacity-preview")).ToContainTextAsync("300 engineer-days of capacity; 60 reserved for debt");
        await ScreenshotAsync("dialog");
        await dialog.GetByTestId("capacity-save").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("capacity-standing")).ToContainTextAsync("Under its 20%");
        await Expect(Page.Locator("[data-testid=capacity-chart][data-team=payments-core]")).ToContainTextAsync("Reserved for debt: 60 d");
        Assert.Contains($"quarter={NextQuarter}", CurrentPathAndQuery, StringComparison.Ordinal);
        await ScreenshotAsync("desktop");

        await Page.SetViewportSizeAsync(390, 844);
        await GoToAsync($"/debt/capacity?quarter={NextQuarter}");
        await Expect(row.GetByTestId("capacity-standing")).ToContainTextAsync("Under its 20%");
        var pageWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide at 390 px");
        await ScreenshotAsync("phone");
    }
}
