using Microsoft.Playwright;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Playwright driving the system Chromium (<c>/usr/bin/chromium</c>, or <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c>).
/// Playwright's own browser downloads are never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long an auto-waiting assertion or action waits before it fails.</summary>
    public const float TimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched yet.");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured
            ? configured
            : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}. Install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.");
        }

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
