using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// The tech-debt register as a new user meets it on the demo company: log an item in the dialog, find it ranked in
/// the register, open "why this number", add a report of pain on the item page. They change data, so they get an
/// app of their own.
/// </summary>
public sealed class DebtJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    [Fact]
    public async Task LogDebt_InTheDialog_AppearsRankedWithWhyThisNumber()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/debt");
        await Page.GetByTestId("debt-new").ClickAsync();

        var dialog = Page.Locator(".mud-dialog");
        await dialog.GetByTestId("debt-title").FillAsync("Ledger retries without idempotency keys");
        await dialog.GetByTestId("debt-services").FillAsync("payments");
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "payments" }).First.ClickAsync();
        await Expect(dialog.GetByTestId("debt-service-chips")).ToContainTextAsync("payments");
        await dialog.GetByTestId("debt-effort").FillAsync("4");
        await dialog.GetByTestId("debt-interest").FillAsync("12");
        await ScreenshotAsync("dialog");
        await dialog.GetByTestId("debt-save").ClickAsync();

        // Saving opens the new item, its numbers explained.
        await Expect(Page.GetByTestId("debt-item-title")).ToHaveTextAsync("Ledger retries without idempotency keys");
        await Expect(Page.GetByTestId("score-explanation").GetByTestId("factor-blastFactor")).ToContainTextAsync("dependency graph");
        await ScreenshotAsync("item");

        await GoToAsync("/debt");
        var row = Page.GetByTestId("debt-grid").Locator("tr", new() { HasText = "Ledger retries without idempotency keys" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("debt-priority")).Not.ToHaveTextAsync("0");
        await ScreenshotAsync("register");

        await row.GetByTestId("debt-why").ClickAsync();
        var why = Page.Locator(".mud-dialog");
        await Expect(why.GetByTestId("factor-interest")).ToContainTextAsync("12");
        await Expect(why.GetByTestId("factor-blastFactor")).ToBeVisibleAsync();
        await Expect(why.GetByTestId("score-calculation")).ToBeVisibleAsync();
        await ScreenshotAsync("explanation");
    }

    [Fact]
    public async Task LogDebt_WithoutServicesOrEffort_NamesEachMissingField()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/debt");
        await Page.GetByTestId("debt-new").ClickAsync();

        var dialog = Page.Locator(".mud-dialog");
        await dialog.GetByTestId("debt-title").FillAsync("Flaky contract tests");
        await dialog.GetByTestId("debt-save").ClickAsync();

        await Expect(dialog).ToContainTextAsync("name at least one affected service");
        await Expect(dialog).ToContainTextAsync("must be more than 0 engineer-days");
        await Expect(dialog.GetByTestId("debt-services")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync("errors");
    }

    [Fact]
    public async Task AcceptGraphFinding_FromSuggestions_BecomesAnItemLinkedToTheFinding()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/debt");
        await Page.GetByTestId("debt-candidates-link").ClickAsync();
        await Expect(Page.GetByTestId("candidate-count")).ToContainTextAsync("suggestion(s)");
        await ScreenshotAsync("suggestions");

        await GoToAsync("/debt/candidates?kind=single-point-of-failure");
        var card = Page.Locator("[data-testid=candidate][data-key='graph:spof:payments']");
        await Expect(card).ToContainTextAsync("Single point of failure");
        var title = (await card.Locator("h2").InnerTextAsync()).Trim();
        await card.GetByTestId("candidate-accept").ClickAsync();

        var dialog = Page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("debt-title")).ToHaveValueAsync(title);
        await Expect(dialog.GetByTestId("debt-service-chips")).ToContainTextAsync("payments");
        await dialog.GetByTestId("debt-effort").FillAsync("6");
        await ScreenshotAsync("accept-dialog");
        await dialog.GetByTestId("debt-save").ClickAsync();

        await Expect(Page.GetByTestId("debt-item-title")).ToHaveTextAsync(title);
        await Expect(Page.Locator("a[href='/graph/analysis?kind=spof']")).ToBeVisibleAsync();
        await ScreenshotAsync("accepted-item");

        await GoToAsync("/debt/candidates?kind=single-point-of-failure");
        await Expect(Page.GetByTestId("candidate-count")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=candidate][data-key='graph:spof:payments']")).ToHaveCountAsync(0);

        await Page.SetViewportSizeAsync(390, 844);
        await GoToAsync("/debt/candidates");
        await Expect(Page.GetByTestId("candidate-count")).ToBeVisibleAsync();
        await ScreenshotAsync("suggestions-phone");
    }
}
