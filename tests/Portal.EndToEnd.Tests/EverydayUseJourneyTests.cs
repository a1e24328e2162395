using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Everyday use on the demo data: the theme is remembered, the system's dark setting is followed, the service page works
/// on a 390 px phone, and the main pages are photographed at desktop and phone widths for a person to look at.
/// </summary>
public sealed class EverydayUseJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Editor = "ada.okafor";

    /// <summary>An admin of the demo company: the one who may import.</summary>
    private const string Admin = "erik.johansson";

    /// <summary>An iPhone-sized viewport: the width the issue asks pages to work at.</summary>
    private const int PhoneWidth = 390;

    [Fact]
    public async Task ThemeToggle_Reload_StaysDark()
    {
        await SignInAsync(Editor);
        await GoToAsync("/catalog/payments");
        await Expect(Theme).ToHaveAttributeAsync("data-theme", "light");

        await Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(Theme).ToHaveAttributeAsync("data-theme", "dark");
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();

        await Expect(Theme).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task SystemDarkMode_NoChoiceMade_ShowsDarkAndReadableSearch()
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await SignInAsync(Editor);
        await GoToAsync("/catalog");

        await Expect(Theme).ToHaveAttributeAsync("data-theme", "dark");
        // The header search keeps light text on the dark app bar, placeholder included.
        var search = Page.Locator("[data-testid=global-search] input").Or(Page.Locator("input[data-testid=global-search]")).First;
        var colour = await search.EvaluateAsync<string>("e => getComputedStyle(e, '::placeholder').color");
        Assert.Equal("rgba(255, 255, 255, 0.85)", colour);
        await ScreenshotAsync("dark-catalog");
    }

    [Fact]
    public async Task ServicePage_Phone_ShowsOwnerAndOnCallFirstWithoutSidewaysScrolling()
    {
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        await SignInAsync(Editor);
        await GoToAsync("/catalog/payments");
        await Expect(Page.GetByTestId("oncall-now")).ToContainTextAsync("Primary");

        var owner = await Page.GetByTestId("service-owner").BoundingBoxAsync();
        var onCall = await Page.GetByTestId("service-oncall").BoundingBoxAsync();
        var about = await Page.GetByRole(AriaRole.Heading, new() { Name = "About", Exact = true }).BoundingBoxAsync();
        Assert.True(owner!.Y < about!.Y, $"owner at {owner.Y} should come before About at {about.Y}");
        Assert.True(onCall!.Y < about.Y, $"on-call at {onCall.Y} should come before About at {about.Y}");
        Assert.True(await FitsWidthAsync(), "the page scrolls sideways at 390 px");
    }

    [Fact]
    public async Task Dashboard_Phone_ReadinessTableShowsEveryLevelWithoutSidewaysScrolling()
    {
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        await SignInAsync(Editor);
        await GoToAsync("/");
        var readiness = Page.GetByTestId("readiness");
        await Expect(readiness.Locator("table")).ToContainTextAsync("Coordination");

        // The table scrolls inside its card when it is too wide, so the page alone would not show it: the table's right
        // edge must stay within the card, with the Gold column in view.
        var card = await readiness.BoundingBoxAsync();
        var table = await readiness.Locator("table").BoundingBoxAsync();
        var gold = await readiness.GetByRole(AriaRole.Columnheader, new() { Name = "Gold", Exact = true }).BoundingBoxAsync();
        Assert.True(table!.X + table.Width <= card!.X + card.Width, $"the readiness table ends at {table.X + table.Width}, past its card's edge at {card.X + card.Width}");
        Assert.True(gold!.X + gold.Width <= card.X + card.Width, $"the Gold column ends at {gold.X + gold.Width}, out of view");
        Assert.True(await FitsWidthAsync(), "the dashboard scrolls sideways at 390 px");
    }

    [Fact]
    public async Task TeamPage_ViewerInBerlin_ShowsOnCallTimesInTheirZoneLabelled()
    {
        await SignInAsync(Editor);
        await Page.Context.AddCookiesAsync([new() { Name = "portal-tz", Value = "Europe/Berlin", Url = Page.Url }]);

        await GoToAsync("/teams/payments-core");

        await Expect(Page.GetByTestId("oncall-now")).ToContainTextAsync("Berlin time");
        await Expect(Page.GetByTestId("oncall-calendar-note")).ToContainTextAsync("midday, Berlin time");
    }

    [Theory]
    [InlineData("service", "/catalog/payments", "blast-radius")]
    [InlineData("team", "/teams/payments-core", "oncall-calendar")]
    [InlineData("graph", "/graph?focus=payments&depth=2", "graph-legend")]
    [InlineData("catalog", "/catalog", "services-grid")]
    public async Task MainPage_DesktopAndPhone_FitsAndIsPhotographed(string name, string path, string ready)
    {
        await SignInAsync(Editor);
        foreach (var width in (int[])[1440, PhoneWidth])
        {
            await Page.SetViewportSizeAsync(width, width == PhoneWidth ? 844 : 900);
            await GoToAsync(path);
            await Expect(Page.GetByTestId(ready).First).ToBeVisibleAsync();
            await Expect(Page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
            await Expect(Page.Locator("[data-rendered=false]")).ToHaveCountAsync(0);
            Assert.True(await FitsWidthAsync(), $"{path} scrolls sideways at {width} px");
            await Page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath($"{name}-{width}"), FullPage = true });
        }
    }

    [Theory]
    [InlineData("settings", "/settings", "settings-contact", Editor)]
    [InlineData("search", "/search?q=payments", "search-group", Editor)]
    [InlineData("records", "/admin/records?kind=component&ref=payments", "record-origin", Admin)]
    public async Task EverydayPage_DesktopAndPhoneLightAndDark_FitsAndIsPhotographed(string name, string path, string ready, string person)
    {
        await SignInAsync(person);
        foreach (var theme in (string[])["light", "dark"])
        {
            await Page.Context.AddCookiesAsync([new() { Name = "portal-theme", Value = theme, Url = Page.Url }]);
            foreach (var width in (int[])[1440, PhoneWidth])
            {
                await Page.SetViewportSizeAsync(width, width == PhoneWidth ? 844 : 900);
                await GoToAsync(path);
                // The cookie may not be what decides (a person may have saved a choice); switch with the toggle, as a person would.
                if (await Theme.GetAttributeAsync("data-theme") != theme)
                {
                    await Page.GetByTestId("theme-toggle").ClickAsync();
                    await Page.Mouse.MoveAsync(width / 2, 800);
                }

                await Expect(Theme).ToHaveAttributeAsync("data-theme", theme);
                await Expect(Page.GetByTestId(ready).First).ToBeVisibleAsync();
                await Expect(Page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
                Assert.True(await FitsWidthAsync(), $"{path} scrolls sideways at {width} px ({theme})");
                await Page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath($"{name}-{width}-{theme}"), FullPage = true });
            }
        }
    }

    /// <summary>
    /// The import path on a phone: the catalog's Import button, a preview, the warning when another tab applied first, and
    /// the report, each fitting 390 px (and the button photographed on the desktop too).
    /// </summary>
    [Fact]
    public async Task ImportPage_Phone_PreviewChangedWarningAndReportFit()
    {
        await SignInAsync(Admin);
        await GoToAsync("/catalog");
        await Expect(Page.GetByTestId("catalog-import")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath("catalog-import-button-1440") });
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        await Expect(Page.GetByTestId("catalog-import")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath("catalog-import-button-390") });
        await Page.GetByTestId("catalog-import").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/catalog/import");
        await WaitForInteractiveAsync();

        await ChooseFilesAsync(input => input.SetInputFilesAsync(PhoneProbe("Phone probe")));
        await Expect(Page.GetByTestId("import-preview")).ToContainTextAsync("will be created", new() { Timeout = FirstPageTimeoutMs });
        Assert.True(await FitsWidthAsync(), "the import preview scrolls sideways at 390 px");
        await ScreenshotAsync("preview-390");

        // Another tab applies another version of the same file first.
        var other = await Page.Context.NewPageAsync();
        await other.GotoAsync("/catalog/import");
        await Expect(other.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
        await ChooseFilesAsync(other, input => input.SetInputFilesAsync(PhoneProbe("Phone probe, other tab")));
        await Expect(other.GetByTestId("import-preview")).ToContainTextAsync("will be created");
        await other.GetByTestId("import-apply").ClickAsync();
        await Expect(other.GetByTestId("import-report")).ToContainTextAsync("Import finished");
        await other.CloseAsync();

        await Page.GetByTestId("import-apply").ClickAsync();
        await Expect(Page.GetByTestId("import-changed-since-preview")).ToContainTextAsync("nothing was written");
        await Expect(Page.GetByTestId("import-preview")).ToContainTextAsync("will be updated");
        Assert.True(await FitsWidthAsync(), "the changed-since-preview warning scrolls sideways at 390 px");
        await ScreenshotAsync("changed-390");

        await Page.GetByTestId("import-apply").ClickAsync();
        await Expect(Page.GetByTestId("import-report")).ToContainTextAsync("Import finished");
        Assert.True(await FitsWidthAsync(), "the import report scrolls sideways at 390 px");
        await ScreenshotAsync("report-390");
    }

    private static FilePayload PhoneProbe(string title) => new()
    {
        Name = "phone-probe.yaml",
        MimeType = "application/yaml",
        Buffer = System.Text.Encoding.UTF8.GetBytes(
            $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: phone-probe\n  title: {title}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: payments-core\n"),
    };

    private ILocator Theme => Page.Locator("[data-theme]").First;

    /// <summary>Nothing wider than the viewport: the page never needs a sideways scroll.</summary>
    private async Task<bool> FitsWidthAsync() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
