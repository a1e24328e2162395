using Microsoft.Playwright;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// A test with a browser context of its own (no cookies shared with other tests) against a running app,
/// plus the steps every journey needs: wait for the Blazor circuit, sign in, take a screenshot.
/// </summary>
public abstract class EndToEndTest(PortalAppFixture app, BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<string> _policyViolations = [];

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open yet.");

    /// <summary>The page's path and query, e.g. <c>/catalog?q=ledger</c>.</summary>
    protected string CurrentPathAndQuery => new Uri(Page.Url).PathAndQuery;

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            Locale = "en-GB",
            // Portal shows times in the browser's zone; pin it so journeys read the same times on any machine.
            TimezoneId = "UTC",
        });
        _context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
        _context.SetDefaultNavigationTimeout(BrowserFixture.TimeoutMs);
        _page = await _context.NewPageAsync();

        // Portal sends a Content-Security-Policy; anything it blocks (an inline script, eval, a foreign source) is a bug.
        _page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_policyViolations)
                {
                    _policyViolations.Add($"{_page.Url}: {message.Text}");
                }
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await ScreenshotAsync("failed");
        }

        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
        lock (_policyViolations)
        {
            Assert.True(_policyViolations.Count == 0, "The browser blocked content under Portal's Content-Security-Policy:\n" + string.Join('\n', _policyViolations));
        }
    }

    /// <summary>Opens a page and waits until its Blazor circuit is connected, so clicks reach the server.</summary>
    protected async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// Opens a page rendered statically on the server (the printable review report: <c>data-render-mode="static"</c>, no
    /// circuit) and waits for the browser's load event; there is no circuit to wait for.
    /// </summary>
    protected async Task GoToStaticAsync(string path)
    {
        await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        await Assertions.Expect(Page.Locator("[data-render-mode]")).ToHaveAttributeAsync("data-render-mode", "static");
    }

    /// <summary>
    /// Pages prerender first; until the circuit is up, buttons render but do nothing. Every layout renders
    /// <c>data-interactive="true"</c> once it runs interactively.
    /// </summary>
    protected async Task WaitForInteractiveAsync() =>
        await Assertions.Expect(Page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>
    /// Chooses files in the page's newest file input once Blazor has wired it up (an input chosen before that
    /// loses the files: the page never hears of them).
    /// </summary>
    protected Task ChooseFilesAsync(Func<ILocator, Task> choose) => ChooseFilesAsync(Page, choose);

    /// <summary>As <see cref="ChooseFilesAsync(Func{ILocator, Task})"/>, in another tab of the same browser context.</summary>
    protected static async Task ChooseFilesAsync(IPage page, Func<ILocator, Task> choose)
    {
        var input = page.Locator("input[type=file]").Last;
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync(
            "() => { const all = document.querySelectorAll('input[type=file]'); return all.length > 0 && all[all.length - 1]._blazorInputFileNextFileId !== undefined; }",
            null, new() { Timeout = FirstPageTimeoutMs });
        await choose(input);
    }

    /// <summary>How long the first page of a freshly started server may take.</summary>
    protected const float FirstPageTimeoutMs = 60_000;

    /// <summary>Signs in on <c>/signin</c> by choosing a person (or <c>local-admin</c>) and waits for the dashboard.</summary>
    protected async Task SignInAsync(string person)
    {
        await GoToAsync("/signin");
        if (person != "local-admin")
        {
            // The page lists the first few people; narrow it down as a person would.
            await Page.GetByLabel("Find yourself").FillAsync(person);
            // Wait for the narrowed list, so the click does not race the re-render that replaces the buttons.
            await Assertions.Expect(Page.Locator("button[data-testid^='signin-']")).ToHaveCountAsync(1, new() { Timeout = FirstPageTimeoutMs });
        }

        await Page.GetByTestId("signin-" + person).ClickAsync();
        // The first sign-in of a freshly started server is its first dashboard (cold caches, JIT) while other
        // test classes start theirs on the same two cores: allow it longer than an ordinary step.
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit, Timeout = FirstPageTimeoutMs });
        await Assertions.Expect(Page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = FirstPageTimeoutMs });
    }

    /// <summary>Saves a full-page PNG as <c>artifacts/screenshots/&lt;test method&gt;-&lt;step&gt;.png</c>.</summary>
    protected async Task ScreenshotAsync(string step)
    {
        var test = TestContext.Current.TestMethod?.MethodName ?? GetType().Name;
        await Page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath($"{test}-{step}"), FullPage = true });
    }
}
