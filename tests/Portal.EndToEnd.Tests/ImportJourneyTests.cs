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

    [Fact]
    public async Task UploadCatalog_NestedAndAliasBombFiles_ReportsTheLimitsAndImportsTheRest()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/catalog/import");
        var dir = Directory.CreateTempSubdirectory("portal-hostile-upload-").FullName;
        try
        {
            var deep = Path.Combine(dir, "deep.yaml");
            var bomb = Path.Combine(dir, "bomb.yaml");
            await File.WriteAllTextAsync(deep, HostileYaml.Nested(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(bomb, HostileYaml.AliasBomb(), TestContext.Current.CancellationToken);
            string[] files = [deep, bomb, Path.Combine(TestData.BackstageExamples, "acme", "org.yaml")];

            await Page.Locator("input[type=file]").SetInputFilesAsync(files);

            var problems = Page.GetByTestId("import-problems");
            await Expect(Page.GetByTestId("import-report")).ToContainTextAsync("Import finished");
            await Expect(problems).ToContainTextAsync("nested more than 64 levels deep");
            await Expect(problems).ToContainTextAsync("once its aliases are expanded");
            await ScreenshotAsync("hostile-yaml");

            // The circuit, and the process behind it, are still there.
            await GoToAsync("/teams");
            await Expect(Page.Locator("body")).ToContainTextAsync("ACME Corp");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
