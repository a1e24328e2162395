using Microsoft.Playwright;
using Portal.Domain.Debt;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// A quarterly review as a new user holds it on the demo data (which has the previous quarter's review closed):
/// start this quarter's, see who has not answered, record a decision and an action item, close it, change an
/// answer and see the closed review unchanged, compare with the previous quarter, print the report to PDF.
/// </summary>
public sealed class ReviewJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private static readonly Quarter ThisQuarter = Quarter.Of(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));

    [Fact]
    public async Task Review_PrepareRecordCloseCompareAndPrint()
    {
        var quarter = ThisQuarter.ToString();
        var previous = ThisQuarter.Previous.ToString();
        await SignInAsync("erik.johansson");
        await GoToAsync("/reviews");
        await Expect(Page.GetByTestId("review-list")).ToContainTextAsync(previous);
        await Expect(Page.GetByTestId("review-quarter")).ToHaveValueAsync(quarter);
        await Page.GetByTestId("review-create").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/reviews/{quarter}");
        await WaitForInteractiveAsync();

        // Readiness: who still has to answer, with a reminder list per team.
        await Expect(Page.GetByTestId("readiness")).ToContainTextAsync("Who still has to answer");
        await Page.GetByTestId("readiness-teams").GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(Page.Locator("[data-testid^=reminder-]").First).ToContainTextAsync("never answered");
        await Expect(Page.GetByTestId("previous-actions")).ToContainTextAsync("Add timeouts and a fallback");

        // A decision and an action item.
        await Page.GetByTestId("note-text").FillAsync("Payments Core pairs with Platform on **timeouts** before any new feature work.");
        await Page.GetByTestId("note-save").ClickAsync();
        await Expect(Page.GetByTestId("review-notes").GetByTestId("note")).ToContainTextAsync("pairs with Platform");
        await Page.GetByTestId("action-team").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "Payments Core" }).ClickAsync();
        await Page.GetByTestId("action-title").FillAsync("Circuit breakers on checkout's calls to the ledger");
        await Page.GetByTestId("action-title").PressAsync("Tab");
        await Expect(Page.GetByTestId("action-title")).ToHaveValueAsync("Circuit breakers on checkout's calls to the ledger");
        await Page.GetByTestId("action-save").ClickAsync();
        await Expect(Page.GetByTestId("action-items")).ToContainTextAsync("Circuit breakers on checkout's calls to the ledger");
        // The demo's initiative (grown from last quarter's timeouts item) shows with today's progress.
        await Expect(Page.GetByTestId("review-initiatives")).ToContainTextAsync("Every payments service at Silver on cascading failures");
        await ScreenshotAsync("review-open");

        // Close: a background job, then the frozen record.
        await Page.GetByTestId("close-review").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Close the review" }).ClickAsync();
        await Expect(Page.Locator("[data-status=closed]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var frozen = await Page.GetByTestId("review-signals").InnerTextAsync();
        await ScreenshotAsync("review-closed");

        // Change an answer: the closed review stays as it was; compared with now, the change shows.
        await GoToAsync("/scorecards/payments");
        await Page.GetByTestId("answer-contention-measured").ClickAsync();
        await Page.GetByTestId("maturity-4").ClickAsync();
        await Page.GetByTestId("answer-note").FillAsync("Lock waits and pool saturation are on the dashboard, with alerts.");
        await Page.GetByTestId("answer-save").ClickAsync();
        await Expect(Page.GetByTestId("criterion-contention-measured").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "pass");
        await GoToAsync($"/reviews/{quarter}");
        Assert.Equal(frozen, await Page.GetByTestId("review-signals").InnerTextAsync());
        await GoToAsync($"/reviews/compare?from={quarter}&to=now");
        await Expect(Page.GetByTestId("compare-services")).ToContainTextAsync("Payments");

        // Compare with the previous quarter.
        await GoToAsync($"/reviews/compare?from={previous}&to={quarter}");
        await Expect(Page.GetByTestId("compare-radar").Locator("svg polygon[data-series]")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("compare-actions")).ToContainTextAsync("Add timeouts and a fallback");
        await ScreenshotAsync("compare");

        // The report, from the review's link (an in-app navigation: the report is static HTML, so the browser loads the
        // whole page), printed by Chromium.
        await GoToAsync($"/reviews/{quarter}");
        await Page.GetByTestId("report-link").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/reviews/{quarter}/report", new() { WaitUntil = WaitUntilState.Load });
        await Expect(Page.Locator("[data-render-mode]")).ToHaveAttributeAsync("data-render-mode", "static");
        await Expect(Page.GetByTestId("report-changes")).ToContainTextAsync($"What changed since {previous}");
        await Expect(Page.Locator("nav")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("report-initiatives")).ToContainTextAsync("Every payments service at Silver on cascading failures");
        await ScreenshotAsync("report");
        var pdf = Artifacts.FilePath("review-report.pdf");
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
        Assert.True(new FileInfo(pdf).Length > 10_000);

        // Back to the review: the page it leads to runs interactively again.
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the review" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/reviews/{quarter}");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("review-radar")).ToBeVisibleAsync();
    }

    /// <summary>
    /// An action item of last quarter's review grows into an initiative: the form opens filled in from it, the initiative's
    /// page shows its burn-up, the item links to it instead of offering to grow again, and the list shows it.
    /// </summary>
    [Fact]
    public async Task ActionItem_GrowIntoInitiative_OpensFilledInSavesAndLinksBack()
    {
        var previous = ThisQuarter.Previous.ToString();
        const string Title = "Write down who owns the storefront's data and who may write it";
        await SignInAsync("erik.johansson");
        await GoToAsync($"/reviews/{previous}");
        var item = Page.GetByTestId("action-items").Locator("tr", new() { HasText = Title });
        await item.GetByTestId("action-grow").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/initiatives/new");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("initiative-from-item")).ToContainTextAsync(Title);
        await Expect(Page.GetByTestId("initiative-title")).ToHaveValueAsync(Title);

        // The item names a signal but no level: the form says so until one is chosen.
        await Page.GetByTestId("initiative-save").ClickAsync();
        await Expect(Page.GetByText("Target level: choose Bronze, Silver or Gold.").First).ToBeVisibleAsync();
        await Page.GetByTestId("initiative-level").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "Silver" }).ClickAsync();
        await ScreenshotAsync("initiative-new");
        await Page.GetByTestId("initiative-save").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/initiatives/", StringComparison.Ordinal) && !url.Contains("/new", StringComparison.Ordinal));
        await Expect(Page.GetByTestId("initiative-target")).ToContainTextAsync("at Silver on Data model");
        await Expect(Page.GetByTestId("burnup-chart")).ToBeVisibleAsync();
        await ScreenshotAsync("initiative");

        await GoToAsync($"/reviews/{previous}");
        await Expect(item.GetByTestId("action-initiative-link")).ToBeVisibleAsync();
        await Expect(item.GetByTestId("action-grow")).ToHaveCountAsync(0);
        await GoToAsync("/initiatives");
        await Expect(Page.GetByTestId("initiative-list")).ToContainTextAsync(Title);
        await ScreenshotAsync("initiatives");
    }
}
