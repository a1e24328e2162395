using Portal.Testing;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>A new user's first import: Backstage files, valid and broken, uploaded from the onboarding page.</summary>
public sealed class ImportJourneyTests(PortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task UploadCatalog_FromOnboarding_ReportsRejectionsAndFillsTheCatalog()
    {
        await SignInAsync("local-admin");
        await Page.GetByTestId("onboarding-import").ClickAsync();
        await WaitForInteractiveAsync();

        var examples = TestData.BackstageExamples;
        string[] files =
        [
            .. Directory.EnumerateFiles(Path.Combine(examples, "acme")),
            .. Directory.EnumerateFiles(Path.Combine(examples, "components")),
            .. Directory.EnumerateFiles(Path.Combine(examples, "systems")),
        ];
        await Page.Locator("input[type=file]").SetInputFilesAsync(files);

        await Expect(Page.GetByTestId("import-report")).ToContainTextAsync("Import finished");
        await Expect(Page.GetByTestId("import-problems")).ToContainTextAsync("invalid-component.yaml");
        await ScreenshotAsync("report");

        await GoToAsync("/catalog?q=wayback");
        await Expect(Page.GetByTestId("services-grid")).ToContainTextAsync("wayback-archive");
    }
}
