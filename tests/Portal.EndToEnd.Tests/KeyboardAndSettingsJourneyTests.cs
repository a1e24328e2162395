using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Everyday use without a mouse and with personal settings, on the demo data: the graph's service picker ranks the exact
/// name first, its list of services works from the keyboard alone, and a chosen time zone and theme follow the person
/// around the portal.
/// </summary>
public sealed class KeyboardAndSettingsJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Editor = "ada.okafor";

    /// <summary>How many Tab presses a test allows to reach an element: more than the page has controls.</summary>
    private const int MaxTabs = 250;

    [Fact]
    public async Task GraphFocusPicker_LedgerThenEnter_FocusesLedgerNotAccountingSync()
    {
        await SignInAsync(Editor);
        await GoToAsync("/graph");
        var field = Page.GetByLabel("Focus on a service");

        await field.FocusAsync();
        // Typed as a person types: on a loaded machine, keys sent faster than the circuit answers can be overwritten by
        // the render of the first one, leaving the search at "l".
        await field.PressSequentiallyAsync("ledger", new() { Delay = 120 });
        await Expect(field).ToHaveValueAsync("ledger");
        await Expect(Page.GetByRole(AriaRole.Option).First).ToContainTextAsync("Ledger", new() { Timeout = FirstPageTimeoutMs });
        await Page.Keyboard.PressAsync("Enter");

        // The focus changes the address in place (no page load); the graph may take a while on a loaded machine.
        await Expect(Page).ToHaveURLAsync(new Regex("[?&]focus=ledger(&|$)"), new() { Timeout = FirstPageTimeoutMs });
        await Expect(Page.GetByTestId("graph-summary")).ToContainTextAsync("of Ledger");
    }

    [Fact]
    public async Task GraphNodeList_KeyboardOnly_FocusesAServiceThenShowsItsBlastRadius()
    {
        await SignInAsync(Editor);
        await GoToAsync("/graph?focus=payments&depth=1");
        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);

        await TabToAsync("Focus the picture on Ledger");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForURLAsync(new Regex("[?&]focus=ledger(&|$)"));
        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);

        await TabToAsync("Blast radius of Ledger: what fails when it fails");
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync(new Regex("highlight=blast"));
        await Expect(Page.GetByTestId("graph-highlight-summary")).ToContainTextAsync("What breaks if Ledger goes down");
        await ScreenshotAsync("keyboard-blast");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task GraphNodeList_TabbedToALink_ShowsAFocusRingThatStandsOut(string theme)
    {
        await SignInAsync(Editor);
        await Page.Context.AddCookiesAsync([new() { Name = "portal-theme", Value = theme, Url = Page.Url }]);
        await GoToAsync("/graph?focus=payments&depth=1");
        await Expect(Page.Locator("[data-theme]").First).ToHaveAttributeAsync("data-theme", theme);
        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);

        await TabToAsync("Focus the picture on Ledger");

        // The ring as drawn: its style, its width in px, and its contrast against the surface behind the link.
        var ring = (await Page.EvaluateAsync<string>(FocusRingScript)).Split('|');
        await Page.GetByTestId("graph-nodes").ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath($"graph-list-focus-{theme}") });
        Assert.NotEqual("none", ring[0]);
        Assert.True(double.Parse(ring[1], System.Globalization.CultureInfo.InvariantCulture) >= 2, $"the focus ring is {ring[1]} px wide");
        Assert.True(double.Parse(ring[2], System.Globalization.CultureInfo.InvariantCulture) >= 3, $"the focus ring's contrast is {ring[2]}:1, below 3:1");
    }

    [Fact]
    public async Task Settings_ChosenZoneAndDarkTheme_TimesShownInThatZoneAndLabelled()
    {
        await SignInAsync(Editor);
        await GoToAsync("/settings");

        await Page.GetByTestId("tz-chosen").ClickAsync();
        var zone = Page.GetByLabel("Time zone (IANA name, e.g. Europe/Berlin)");
        await zone.FillAsync("Asia/Tok");
        await Page.GetByRole(AriaRole.Option, new() { Name = "Asia/Tokyo" }).ClickAsync();
        await Expect(Page.GetByTestId("tz-now")).ToContainTextAsync("Tokyo time");
        await Page.GetByTestId("theme-dark").ClickAsync();
        await Expect(Page.Locator("[data-theme]").First).ToHaveAttributeAsync("data-theme", "dark");
        await ScreenshotAsync("settings-tokyo-dark");

        await GoToAsync("/teams/payments-core");

        await Expect(Page.GetByTestId("oncall-now")).ToContainTextAsync("Tokyo time");
        await Expect(Page.Locator("[data-theme]").First).ToHaveAttributeAsync("data-theme", "dark");
    }

    /// <summary>
    /// The focused element's outline (style, width) and the contrast of its colour with the nearest opaque background
    /// behind the element (WCAG 1.4.11 asks 3:1 of what shows focus).
    /// </summary>
    private const string FocusRingScript = """
        () => {
          const e = document.activeElement, s = getComputedStyle(e);
          const rgba = c => { const m = (c.match(/[\d.]+/g) || []).map(Number); return { r: m[0] ?? 0, g: m[1] ?? 0, b: m[2] ?? 0, a: m.length > 3 ? m[3] : 1 }; };
          let bg = { r: 255, g: 255, b: 255, a: 1 };
          for (let n = e; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor); if (c.a > 0.9) { bg = c; break; } }
          const lum = c => [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const [hi, lo] = [lum(rgba(s.outlineColor)), lum(bg)].sort((a, b) => b - a);
          return `${s.outlineStyle}|${parseFloat(s.outlineWidth)}|${((hi + 0.05) / (lo + 0.05)).toFixed(2)}`;
        }
        """;

    /// <summary>Presses Tab until the element labelled <paramref name="label"/> has the focus, as a keyboard user would.</summary>
    private async Task TabToAsync(string label)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('aria-label')") == label)
            {
                return;
            }
        }

        Assert.Fail($"'{label}' was not reached with {MaxTabs} presses of Tab");
    }
}
