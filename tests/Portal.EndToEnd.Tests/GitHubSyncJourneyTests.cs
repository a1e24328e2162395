using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Persistence;
using Portal.Domain.Sync;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>An admin checks on the GitHub sync: its settings, the history of runs, a run going on, and a run's errors.</summary>
public sealed partial class GitHubSyncJourneyTests(GitHubSyncAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<GitHubSyncAppFixture>
{
    [Fact]
    public async Task SyncPage_AsAdmin_ShowsSettingsHistoryLiveProgressAndARunsErrors()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/admin");
        await Page.GetByText("GitHub sync", new() { Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(SyncPageUrl());
        await WaitForInteractiveAsync();

        var config = Page.GetByTestId("sync-config");
        await Expect(config).ToContainTextAsync("acme, acme-labs");
        await Expect(config).ToContainTextAsync("token");
        await Expect(config).ToContainTextAsync("Secret set");
        await Expect(config).Not.ToContainTextAsync(GitHubSyncAppFixture.Token);
        var runs = Page.GetByTestId("sync-runs");
        await Expect(runs).ToContainTextAsync("27/60 repositories");
        await Expect(runs).ToContainTextAsync("nothing changed");
        await Expect(runs).ToContainTextAsync("138 (91%)");
        await Expect(runs).ToContainTextAsync("401 Bad credentials");
        await Expect(Page.GetByTestId("sync-now")).ToBeDisabledAsync();
        await ScreenshotAsync("history");

        await app.ProgressRunningAsync(45);
        await Expect(runs).ToContainTextAsync("45/60 repositories");

        await Page.Locator($"a[href='/admin/sync/{app.RunWithErrors}']").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/admin/sync/{app.RunWithErrors}$"));
        var errors = Page.GetByTestId("sync-run-errors");
        await Expect(errors).ToContainTextAsync("acme/ledger-reports");
        await Expect(errors).ToContainTextAsync("mapping values are not allowed here");
        await Expect(errors).ToContainTextAsync("acme/search-indexer");
        await Expect(Page.GetByTestId("sync-run-requests")).ToContainTextAsync("86% of all answers");
        await ScreenshotAsync("run");
    }

    [GeneratedRegex("/admin/sync$")]
    private static partial Regex SyncPageUrl();
}

/// <summary>
/// An admin presses Sync now on a fresh Portal whose GitHub does not answer: the job runs on the app's
/// own Hangfire server, and the page shows the run appear and fail without a reload.
/// </summary>
public sealed class GitHubSyncNowJourneyTests(UnreachableGitHubAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<UnreachableGitHubAppFixture>
{
    [Fact]
    public async Task SyncNow_GitHubUnreachable_RunAppearsAndFailsWithTheReason()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/admin/sync");
        await Expect(Page.GetByTestId("sync-runs")).ToContainTextAsync("No sync has run yet");

        await Page.GetByTestId("sync-now").ClickAsync();

        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Sync queued");
        var status = Page.GetByTestId("sync-status");
        await Expect(status).ToContainTextAsync("Failed", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("sync-runs")).ToContainTextAsync("Sync now");
        await Expect(Page.GetByTestId("sync-now")).ToBeEnabledAsync();
        await ScreenshotAsync("failed-run");
    }
}

/// <summary>Portal with GitHub configured at an address where nothing listens, and no runs yet.</summary>
public sealed class UnreachableGitHubAppFixture : PortalAppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["GitHub:Organizations:0"] = "acme",
        ["GitHub:ApiUrl"] = "http://127.0.0.1:9/",
        ["GitHub:Token"] = "ghp_e2e-token",
        ["GitHub:MaxRetries"] = "0",
    };
}

/// <summary>An admin opens the sync page before anyone configured GitHub. Its own app: GitHub stays unset.</summary>
public sealed class GitHubSyncNotConfiguredJourneyTests(PortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<PortalAppFixture>
{
    [Fact]
    public async Task SyncPage_NotConfigured_ExplainsTheSettingsWithoutASyncButton()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/admin/sync");

        var empty = Page.GetByTestId("sync-not-configured");
        await Expect(empty).ToContainTextAsync("GitHub__Organizations__0");
        await Expect(empty).ToContainTextAsync("GitHub__AppPrivateKey");
        await Expect(empty).ToContainTextAsync("sync github");
        await Expect(Page.GetByTestId("sync-now")).ToHaveCountAsync(0);
        await ScreenshotAsync("not-configured");
    }
}

/// <summary>
/// Portal with GitHub configured (at an address where nothing listens, so no test reaches GitHub)
/// and a history of runs as the sync engine leaves them: a first full sync, a resync where nothing
/// changed, a targeted webhook run, one with per-repository errors, a refused token, an interrupted
/// run, and one going on now.
/// </summary>
public sealed class GitHubSyncAppFixture : PortalAppFixture
{
    public const string Token = "ghp_e2e-token-never-shown";

    private Guid _running;

    public Guid RunWithErrors { get; private set; }

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["GitHub:Organizations:0"] = "acme",
        ["GitHub:Organizations:1"] = "acme-labs",
        ["GitHub:ApiUrl"] = "http://127.0.0.1:9/",
        ["GitHub:Token"] = Token,
        ["GitHub:WebhookSecret"] = "e2e-webhook-secret",
        ["GitHub:ExcludeRepositories:0"] = "sandbox-*",
    };

    /// <summary>Moves the running run on, as the sync engine would between two batches.</summary>
    public async Task ProgressRunningAsync(int done)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var run = await db.SyncRuns.SingleAsync(r => r.Id == _running);
        run.Progress("Reading repositories of acme-labs", done, 60);
        await db.SaveChangesAsync();
    }

    protected override async Task SeedAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTime.UtcNow;
        const string Orgs = "acme, acme-labs";

        await AddAsync(Orgs, SyncTrigger.Manual, now.AddDays(-2), TimeSpan.FromSeconds(214), r =>
        {
            r.Progress("Done", 58, 58);
            r.Count("repository", new SyncCounts(Created: 58));
            r.Count("service", new SyncCounts(Created: 56));
            r.Count("team", new SyncCounts(Created: 9));
            r.Count("person", new SyncCounts(Created: 41));
            r.Count("membership", new SyncCounts(Created: 52));
            r.RecordRequests(231, 0, 1, 4769, null);
            r.Finish();
        });
        await AddAsync(Orgs, SyncTrigger.Schedule, now.AddDays(-1), TimeSpan.FromSeconds(38), r =>
        {
            r.Progress("Done", 58, 58);
            r.Count("repository", new SyncCounts(Unchanged: 58));
            r.Count("service", new SyncCounts(Unchanged: 56));
            r.Count("team", new SyncCounts(Unchanged: 9));
            r.Count("person", new SyncCounts(Unchanged: 41));
            r.RecordRequests(14, 138, 0, 4986, null);
            r.Finish();
        });
        await AddAsync(Orgs, SyncTrigger.Schedule, now.AddHours(-9), TimeSpan.FromMinutes(15.5), r =>
        {
            r.Progress("Waiting for the rate limit", 31, 60);
            r.RecordRequests(4950, 12, 0, 0, null);
            r.Interrupt("Rate limit exhausted until 01:14 UTC, longer than GitHub:MaxRateLimitWait (15 min).");
        });
        await AddAsync("acme/billing", SyncTrigger.Webhook, now.AddHours(-5), TimeSpan.FromSeconds(2.4), r =>
        {
            r.Progress("Done", 1, 1);
            r.Count("service", new SyncCounts(Updated: 1));
            r.RecordRequests(3, 2, 0, 4912, null);
            r.Finish();
        });
        RunWithErrors = await AddAsync(Orgs, SyncTrigger.Schedule, now.AddHours(-3), TimeSpan.FromSeconds(71), r =>
        {
            r.Progress("Done", 60, 60);
            r.Count("repository", new SyncCounts(Created: 2, Updated: 1, Unchanged: 57));
            r.Count("service", new SyncCounts(Created: 2, Updated: 3, Unchanged: 53, Orphaned: 1));
            r.Count("team", new SyncCounts(Unchanged: 8, Orphaned: 1));
            r.RecordRequests(24, 150, 4, 4961, null);
            r.AddError("acme/ledger-reports", "catalog-info.yaml", "line 7, column 12: mapping values are not allowed here. The previous catalog data is kept.");
            r.AddError("acme/search-indexer", null, "GitHub answered 502 Bad Gateway 4 times; the repository was skipped and its previous data kept.");
            r.Finish();
        });
        await AddAsync(Orgs, SyncTrigger.Manual, now.AddHours(-2), TimeSpan.FromSeconds(0.6), r =>
        {
            r.RecordRequests(1, 0, 0, null, null);
            r.Fail("GitHub refused the token (401 Bad credentials). Check GitHub__Token; nothing was changed.");
        });
        _running = await AddAsync(Orgs, SyncTrigger.Manual, now.AddSeconds(-48), null, r =>
        {
            r.Progress("Reading repositories of acme", 27, 60);
            r.Count("repository", new SyncCounts(Unchanged: 25, Updated: 2));
            r.RecordRequests(9, 51, 0, 4977, null);
        });

        async Task<Guid> AddAsync(string scope, SyncTrigger trigger, DateTime startedAt, TimeSpan? took, Action<SyncRun> shape)
        {
            var run = new SyncRun("github", scope, trigger, "portal-7f9c:1");
            shape(run);
            await using var db = await factory.CreateDbContextAsync();
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();

            // The entity stamps its own times; a history needs them spread out.
            var end = startedAt + (took ?? (now - startedAt));
            await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.StartedAt, startedAt)
                .SetProperty(r => r.HeartbeatAt, end)
                .SetProperty(r => r.FinishedAt, r => r.FinishedAt == null ? (DateTime?)null : end));
            await db.SyncRunErrors.Where(e => e.RunId == run.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.At, end));
            return run.Id;
        }
    }
}
