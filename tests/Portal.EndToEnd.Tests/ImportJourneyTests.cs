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

        // A preview first: what each record would become, the problems, and nothing written yet.
        var preview = Page.GetByTestId("import-preview");
        await Expect(preview).ToContainTextAsync("Nothing has been written yet");
        await Expect(preview.Locator("[data-ref='component:default/wayback-archive']")).ToContainTextAsync("will be created");
        await Expect(Page.GetByTestId("import-problems")).ToContainTextAsync("invalid-component.yaml");
        await ScreenshotAsync("preview");

        await Page.GetByTestId("import-apply").ClickAsync();

        var report = Page.GetByTestId("import-report");
        await Expect(report).ToContainTextAsync("Import finished");
        await Expect(Page.GetByTestId("import-problems")).ToContainTextAsync("invalid-component.yaml");
        await ScreenshotAsync("report");

        // What was created links to its page.
        await report.Locator("[data-ref='component:default/wayback-archive'] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalog/wayback-archive$"));
        await GoToAsync("/catalog?q=wayback");
        await Expect(Page.GetByTestId("services-grid")).ToContainTextAsync("wayback-archive");
    }

    [Fact]
    public async Task UploadCatalog_PreviewThenCancel_WritesNothing()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/catalog/import");
        await Page.Locator("input[type=file]").SetInputFilesAsync(Path.Combine(TestData.BackstageExamples, "components", "artist-lookup-component.yaml"));
        await Expect(Page.GetByTestId("import-preview").Locator("[data-ref='component:default/artist-lookup']")).ToContainTextAsync("will be created");

        await Page.GetByTestId("import-cancel").ClickAsync();

        await Expect(Page.GetByTestId("import-preview")).ToHaveCountAsync(0);
        await GoToAsync("/catalog/artist-lookup");
        await Expect(Page.Locator("main")).ToContainTextAsync("No service called 'artist-lookup'");
    }
}
