using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Portal.Benchmarks;

/// <summary>The report page of the reviews workload, in Chromium.</summary>
internal sealed partial class ReviewsWorkload
{
    /// <summary>
    /// Chromium (headless, the system's <c>/usr/bin/chromium</c>) signs in as a person and opens the closed review's
    /// report again and again, as a link opened from elsewhere does (a full page load). The report is static HTML
    /// rendered on the server (no circuit renders it again), so each time is from the start of the navigation until the
    /// browser's load event (the HTML, its styles and scripts all in) with the last section, "what changed", on the
    /// statically rendered page; a page that became interactive again would never match and fail the run. Like the
    /// graph page, the server runs in Development so an unpublished build serves Blazor's script.
    /// </summary>
    private static async Task<ScenarioResult> ReportPageAsync(PortalApp app, BenchDatabase db, int port, string quarter, BenchOptions options, CancellationToken ct)
    {
        var server = await app.StartServerAsync(db, port, ct, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        });
        try
        {
            var path = $"/reviews/{quarter}/report";
            var url = new Uri(server.BaseAddress, path).ToString();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            page.SetDefaultTimeout(60_000);
            const string person = "scale-person-000001";
            await page.GotoAsync(new Uri(server.BaseAddress, "/signin?returnUrl=%2Freviews").ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.GetByLabel("Find yourself").FillAsync(person);
            await page.GetByTestId("signin-" + person).ClickAsync();
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/reviews");

            const string ready = "[data-render-mode=static] [data-testid=report-changes]";
            var samples = new List<double>();
            var html = new List<double>();
            var loaded = new List<double>();
            var observed = "";
            var (load, _) = await LoadGuard.WaitForIdleAsync([Environment.ProcessId, server.ProcessId], options.MaxOtherCpu, options.LoadRetries, options.LoadWait, ct);
            var meter = CpuMeter.Start([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)]);
            for (var i = 0; i < PageWarmup + PageSamples; i++)
            {
                if (i == PageWarmup)
                {
                    meter = CpuMeter.Start([Environment.ProcessId, server.ProcessId, .. await db.BackendPidsAsync(ct)]);
                }

                var started = Stopwatch.GetTimestamp();
                await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
                await page.Locator(ready).WaitForAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var teams = await page.GetByTestId("review-teams").Locator("tbody tr").CountAsync();
                if (teams < 2)
                {
                    throw new InvalidOperationException($"the report lists {teams} teams");
                }

                observed = string.Create(CultureInfo.InvariantCulture, $"{teams:N0} team rows");
                if (i >= PageWarmup)
                {
                    samples.Add(ms);
                    html.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd"));
                    loaded.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd"));
                }
            }

            observed += string.Create(CultureInfo.InvariantCulture, $"; median by the browser's clock: HTML received {html.Order().ElementAt(html.Count / 2):0} ms, load event {loaded.Order().ElementAt(loaded.Count / 2):0} ms");
            Directory.CreateDirectory(Path.Combine(app.RepoRoot, "artifacts", "benchmarks"));
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await page.PdfAsync(new() { Path = Path.Combine(app.RepoRoot, "artifacts", "benchmarks", $"review-report-{quarter}.pdf"), Format = "A4", PrintBackground = true });
            var stats = LatencyStats.From(samples);
            var others = meter.OtherCores();
            Console.WriteLine($"    {ReportPage,-13} p50 {stats.P50,7:0} ms  p95 {stats.P95,7:0} ms  max {stats.Max,7:0} ms  ({observed}; Chromium and others {others:0.00} cores)");
            return new ScenarioResult(
                ReportPage,
                $"the printable report of {quarter} in Chromium (static HTML), navigation to the load event with every section; {PageWarmup} warm-up + {PageSamples} timed",
                path,
                stats,
                0,
                observed,
                load,
                double.NaN,
                1);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
