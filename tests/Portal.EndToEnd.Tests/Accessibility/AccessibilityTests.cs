using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core (bundled in Deque.AxeCore.Playwright, injected into the page by Playwright, no network needed) scans
/// every page of <see cref="AccessibilityPages"/> for WCAG 2.0, 2.1 and 2.2 level A and AA rules plus axe's best
/// practices, first in the light theme, then in the dark one. Any critical or serious violation fails the page,
/// and the failure lists each rule with the elements that break it.
/// </summary>
public sealed class AccessibilityTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Admin = "erik.johansson";

    /// <summary>The admin's sign-in cookies per running app: signing in once, not twenty times, keeps the run short.</summary>
    private static readonly ConcurrentDictionary<Uri, IReadOnlyList<Cookie>> SignedInCookies = new();

    private static readonly AxeRunOptions Rules = new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"),
        ResultTypes = [ResultType.Violations],
    };

    [Theory]
    [MemberData(nameof(AccessibilityPages.Paths), MemberType = typeof(AccessibilityPages))]
    public async Task Page_LightAndDarkTheme_HasNoCriticalOrSeriousViolation(string path)
    {
        var page = AccessibilityPages.All.Single(p => p.Path == path);
        // Transitions off (the app honours reduced motion), so colours are measured at rest, not mid-fade.
        await Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        if (page.SignedIn)
        {
            await SignInOnceAsync();
        }

        var address = await AccessibilityPages.Resolve(path, app.Services);
        await (page.Static ? GoToStaticAsync(address) : GoToAsync(address));
        await WaitUntilLoadedAsync(page);

        var light = await ScanAsync();
        IReadOnlyList<AxeResultItem> dark = [];
        if (!page.LightOnly)
        {
            await SwitchThemeAsync(dark: true);
            dark = await ScanAsync();
        }

        var report = (light.Count == 0 ? "" : AxeReport.Describe($"{path}, light theme:", light))
            + (dark.Count == 0 ? "" : AxeReport.Describe($"{path}, dark theme:", dark));
        Assert.True(report.Length == 0, "axe-core found critical or serious violations.\n" + report);
    }

    /// <summary>
    /// The import page after an upload, which a plain visit never shows: the preview (created, in conflict, rejected), the
    /// report once applied, and a second preview of a changed file (updated, orphaned, unchanged), each in both themes.
    /// </summary>
    [Fact]
    public async Task ImportPage_PreviewAndReport_LightAndDarkTheme_HaveNoCriticalOrSeriousViolation()
    {
        await Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await SignInOnceAsync();
        await GoToAsync("/catalog/import");
        var report = new System.Text.StringBuilder();

        await ChooseFilesAsync(input => input.SetInputFilesAsync(ImportProbe(ImportProbeFirst)));
        // The first reconciler run of a freshly started server (JIT, cold caches) may take longer than a step.
        await Expect(Page.GetByTestId("import-preview")).ToBeVisibleAsync(new() { Timeout = FirstPageTimeoutMs });
        await Expect(Page.GetByTestId("import-problems")).ToContainTextAsync("rejected");
        report.Append(await ScanBothThemesAsync("/catalog/import, preview"));

        await Page.GetByTestId("import-apply").ClickAsync();
        await Expect(Page.GetByTestId("import-report")).ToContainTextAsync("Import finished");
        report.Append(await ScanBothThemesAsync("/catalog/import, report"));

        await ChooseFilesAsync(input => input.SetInputFilesAsync(ImportProbe(ImportProbeSecond)));
        await Expect(Page.GetByTestId("import-preview")).ToContainTextAsync("will be orphaned");
        report.Append(await ScanBothThemesAsync("/catalog/import, second preview"));
        await Page.GetByTestId("import-show-unchanged").ClickAsync();
        await Expect(Page.GetByTestId("import-records")).ToContainTextAsync("unchanged");
        report.Append(await ScanBothThemesAsync("/catalog/import, second preview with the unchanged"));
        await Page.GetByTestId("import-cancel").ClickAsync();

        Assert.True(report.Length == 0, "axe-core found critical or serious violations.\n" + report);
    }

    private const string ImportProbeFirst = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-one, title: Accessibility probe one }
        spec: { type: service, lifecycle: experimental, owner: payments-core }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-two }
        spec: { type: service, lifecycle: experimental, owner: payments-core }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-three }
        spec: { type: service, lifecycle: experimental, owner: payments-core }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: payments, description: Claimed by an upload that does not own it }
        spec: { type: service, lifecycle: production, owner: payments-core }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-broken }
        spec: { type: service }
        """;

    private const string ImportProbeSecond = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-one, title: Accessibility probe one, description: Now described }
        spec: { type: service, lifecycle: experimental, owner: payments-core }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a11y-probe-three }
        spec: { type: service, lifecycle: experimental, owner: payments-core }
        """;

    private static FilePayload ImportProbe(string yaml) =>
        new() { Name = "a11y-probe.yaml", MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(yaml) };

    /// <summary>Scans the page as it is, in the light theme and then the dark one, and leaves it light again.</summary>
    private async Task<string> ScanBothThemesAsync(string label)
    {
        await SwitchThemeAsync(dark: false);
        var light = await ScanAsync();
        await SwitchThemeAsync(dark: true);
        var dark = await ScanAsync();
        await SwitchThemeAsync(dark: false);
        return (light.Count == 0 ? "" : AxeReport.Describe($"{label}, light theme:", light))
            + (dark.Count == 0 ? "" : AxeReport.Describe($"{label}, dark theme:", dark));
    }

    private async Task SignInOnceAsync()
    {
        if (SignedInCookies.TryGetValue(app.BaseAddress, out var cookies))
        {
            await Page.Context.AddCookiesAsync(cookies);
            return;
        }

        await SignInAsync(Admin);
        SignedInCookies[app.BaseAddress] = [.. (await Page.Context.CookiesAsync())
            .Where(c => !c.Name.StartsWith("portal-", StringComparison.Ordinal))
            .Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
                HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            })];
    }

    private async Task<IReadOnlyList<AxeResultItem>> ScanAsync() => AxeReport.BlockingViolations(await Page.RunAxe(Rules));

    /// <summary>The page's own readiness marker, then no progress bar left: what a person would wait for.</summary>
    private async Task WaitUntilLoadedAsync(AccessibilityPage page)
    {
        if (page.Ready is { } ready)
        {
            await Expect(Page.GetByTestId(ready).First).ToBeVisibleAsync();
        }

        await Expect(Page.Locator(".mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-rendered=false]")).ToHaveCountAsync(0);
    }

    /// <summary>With the header's toggle where there is one; elsewhere (sign-in) as the remembered choice, reloading.</summary>
    private async Task SwitchThemeAsync(bool dark)
    {
        var theme = Page.Locator("[data-theme]").First;
        if (await theme.GetAttributeAsync("data-theme") != (dark ? "dark" : "light"))
        {
            var toggle = Page.GetByTestId("theme-toggle");
            if (await toggle.CountAsync() > 0)
            {
                await toggle.ClickAsync();
                // The toggle's tooltip opened under the pointer; move away so it closes, as it would for a person.
                await Page.Mouse.MoveAsync(1400, 890);
                await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            }
            else
            {
                await Page.Context.AddCookiesAsync([new() { Name = "portal-theme", Value = dark ? "dark" : "light", Url = Page.Url }]);
                await Page.ReloadAsync();
                await WaitForInteractiveAsync();
            }
        }

        await Expect(theme).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
    }
}
