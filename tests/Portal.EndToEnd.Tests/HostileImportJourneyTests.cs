using Portal.Testing;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Hostile YAML uploaded on the import page: the report names each limit and the app keeps serving. An app of
/// its own, because the built-in administrator signs in only while the catalog has no people.
/// </summary>
public sealed class HostileImportJourneyTests(PortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<PortalAppFixture>
{
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

            await ChooseFilesAsync(input => input.SetInputFilesAsync(files));

            var problems = Page.GetByTestId("import-problems");
            await Expect(Page.GetByTestId("import-preview")).ToContainTextAsync("Nothing has been written yet");
            await Expect(problems).ToContainTextAsync("nested more than 64 levels deep");
            await Page.GetByTestId("import-apply").ClickAsync();
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
