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

        // Changing one's mind: a preview cancelled writes nothing (checked at the end, once the catalog has content).
        const string Probe = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cancel-probe\nspec:\n  type: service\n  lifecycle: production\n  owner: nobody\n";
        await ChooseFilesAsync(input => input.SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "probe.yaml",
            MimeType = "application/yaml",
            Buffer = System.Text.Encoding.UTF8.GetBytes(Probe),
        }));
        // The first reconciler run of a freshly started server (JIT, cold caches) may take longer than a step.
        await Expect(Page.GetByTestId("import-preview")).ToBeVisibleAsync(new() { Timeout = FirstPageTimeoutMs });
        await ScreenshotAsync("probe");
        await Expect(Page.GetByTestId("import-preview").Locator("[data-ref='component:default/cancel-probe']")).ToContainTextAsync("will be created");
        await Page.GetByTestId("import-cancel").ClickAsync();
        await Expect(Page.GetByTestId("import-preview")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("import-announcement")).ToHaveTextAsync("Preview discarded; nothing was written.");

        var examples = TestData.BackstageExamples;
        string[] files =
        [
            .. Directory.EnumerateFiles(Path.Combine(examples, "acme")),
            .. Directory.EnumerateFiles(Path.Combine(examples, "components")),
            .. Directory.EnumerateFiles(Path.Combine(examples, "systems")),
        ];
        // MudFileUpload adds a fresh input after each choice; the newest one takes the next files.
        await ChooseFilesAsync(input => input.SetInputFilesAsync(files));

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
        await GoToAsync("/catalog/cancel-probe");
        await Expect(Page.Locator("main")).ToContainTextAsync("No service called 'cancel-probe'");
    }
}
