using Bunit;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Queries;
using Portal.Ingest.GitHub;
using Portal.Web.Components.Pages.Admin;

namespace Portal.Web.Tests.Components.Pages.Admin;

public sealed class GitHubSyncPageTests : ComponentTest
{
    private const string Token = "ghp_do-not-show-this-token";
    private const string WebhookSecret = "do-not-show-this-secret";

    private readonly RecordingJobClient _jobs = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<SyncQueries>();
        Services.AddSingleton<IBackgroundJobClient>(_jobs);
        Services.AddSingleton<JobStorage>(new NoJobStorage());
        SignIn("local-admin", PortalRole.Admin);
    }

    /// <summary>Sets the GitHub options; the last service registration, since rendering seals the container.</summary>
    private void Configure(bool enabled = true)
    {
        Services.AddSingleton(enabled
            ? new GitHubOptions { Organizations = ["acme", "acme-labs"], Token = Token, WebhookSecret = WebhookSecret, ExcludeRepositories = ["sandbox-*"] }
            : new GitHubOptions());
        Render<MudBlazor.MudPopoverProvider>();
    }

    private async Task<SyncRun> AddRunAsync(Action<SyncRun> shape, string scope = "acme, acme-labs")
    {
        var run = new SyncRun(GitHubSync.Source, scope, SyncTrigger.Schedule, "portal-1:42");
        shape(run);
        await using var db = Db.CreateContext();
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run;
    }

    [Fact]
    public void SyncPage_NotConfigured_ExplainsWhichSettingsToSetAndOffersNoSyncButton()
    {
        Configure(enabled: false);

        var page = Render<GitHubSyncPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=sync-not-configured]")));
        var text = page.Find("[data-testid=sync-not-configured]").TextContent;
        foreach (var setting in (string[])["GitHub__Organizations__0", "GitHub__Token", "GitHub__AppId", "GitHub__AppPrivateKey", "GitHub__WebhookSecret", "sync github"])
        {
            Assert.Contains(setting, text, StringComparison.Ordinal);
        }

        Assert.Empty(page.FindAll("[data-testid=sync-now]"));
        Assert.Empty(page.FindAll("[data-testid=sync-runs]"));
    }

    [Fact]
    public void SyncPage_ConfiguredWithoutRuns_DescribesTheSettingsWithoutSecretsAndOffersTheFirstSync()
    {
        Configure();

        var page = Render<GitHubSyncPage>();

        page.WaitForAssertion(() => Assert.Contains("No sync has run yet", page.Find("[data-testid=sync-runs]").TextContent, StringComparison.Ordinal));
        var config = page.Find("[data-testid=sync-config]").TextContent;
        Assert.Contains("acme, acme-labs", config, StringComparison.Ordinal);
        Assert.Contains("https://api.github.com/", config, StringComparison.Ordinal);
        Assert.Contains("0 * * * *", config, StringComparison.Ordinal);
        Assert.Equal("token", page.Find("[data-testid=sync-auth]").TextContent.Trim());
        Assert.Contains("Secret set", page.Find("[data-testid=sync-webhooks]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Repositories named sandbox-* are skipped.", page.Find("[data-testid=sync-filters]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, page.Markup, StringComparison.Ordinal);
        Assert.False(page.Find("button[data-testid=sync-now]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SyncPage_History_ShowsStatusesCountsAndTheShareOf304s()
    {
        Configure();
        await AddRunAsync(r => r.Fail("GitHub refused the token (401 Bad credentials). Nothing was changed."));
        await AddRunAsync(r =>
        {
            r.Count("service", new SyncCounts(Created: 3, Unchanged: 35));
            r.Count("team", new SyncCounts(Updated: 2, Orphaned: 1));
            r.RecordRequests(120, 30, 2, 4870, null);
            r.AddError("acme/billing", "catalog-info.yaml", "line 3: mapping values are not allowed here");
            r.Finish();
        });
        await AddRunAsync(r =>
        {
            r.Count("service", new SyncCounts(Unchanged: 38));
            r.RecordRequests(10, 90, 0, 4990, null);
            r.Finish();
        });

        var page = Render<GitHubSyncPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=sync-status]").Count));
        var statuses = page.FindAll("[data-testid=sync-status]").Select(s => s.TextContent).ToList();
        Assert.Contains("Succeeded", statuses[0], StringComparison.Ordinal);
        Assert.Contains("Succeeded with errors", statuses[1], StringComparison.Ordinal);
        Assert.Contains("Failed", statuses[2], StringComparison.Ordinal);
        Assert.Contains("401 Bad credentials", statuses[2], StringComparison.Ordinal);

        var changes = page.FindAll("[data-testid=sync-changes]").Select(c => c.TextContent.Replace('\u00A0', ' ')).ToList();
        Assert.Contains("nothing changed", changes[0], StringComparison.Ordinal);
        Assert.Contains("service 3 created, 35 unchanged", changes[1], StringComparison.Ordinal);
        Assert.Contains("team 2 updated, 1 orphaned", changes[1], StringComparison.Ordinal);
        Assert.DoesNotContain("nothing changed", changes[1], StringComparison.Ordinal);

        var notModified = page.FindAll("[data-testid=sync-304]").Select(c => c.TextContent).ToList();
        Assert.Equal("90 (90%)", notModified[0]);
        Assert.Equal("30 (20%)", notModified[1]);
        Assert.Contains("4,870", page.Find("[data-testid=sync-runs]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncPage_RunningRun_ShowsProgressAndWaitsWithSyncNow()
    {
        Configure();
        await AddRunAsync(r => r.Progress("Reading repositories of acme", 12, 40));

        var page = Render<GitHubSyncPage>();

        page.WaitForAssertion(() => Assert.Contains("12/40 repositories", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Reading repositories of acme", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("12", "40"), (page.Find("[data-testid=sync-progress]").GetAttribute("aria-valuenow"), page.Find("[data-testid=sync-progress]").GetAttribute("aria-valuemax")));
        var button = page.Find("button[data-testid=sync-now]");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Contains("Sync running", button.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncPage_RunningRunProgresses_PageShowsItWithoutReload()
    {
        Configure();
        var run = await AddRunAsync(r => r.Progress("Reading repositories of acme", 12, 40));
        var page = Render<GitHubSyncPage>();
        page.WaitForAssertion(() => Assert.Contains("12/40", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal));

        await using (var db = Db.CreateContext())
        {
            var stored = await db.SyncRuns.SingleAsync(r => r.Id == run.Id, Ct);
            stored.Progress("Reading repositories of acme", 30, 40);
            await db.SaveChangesAsync(Ct);
        }

        page.WaitForAssertion(() => Assert.Contains("30/40", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        await using (var db = Db.CreateContext())
        {
            var stored = await db.SyncRuns.SingleAsync(r => r.Id == run.Id, Ct);
            stored.Finish();
            await db.SaveChangesAsync(Ct);
        }

        page.WaitForAssertion(
            () =>
            {
                Assert.Contains("Succeeded", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal);
                Assert.False(page.Find("button[data-testid=sync-now]").HasAttribute("disabled"));
            },
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void SyncPage_SyncNowClicked_EnqueuesAManualSyncJob()
    {
        Configure();
        var page = Render<GitHubSyncPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=sync-now]")));

        page.Find("button[data-testid=sync-now]").Click();

        var job = Assert.Single(_jobs.Created);
        Assert.Equal(typeof(Portal.Ingest.Jobs.SyncGitHubJob), job.Type);
        Assert.Equal(nameof(Portal.Ingest.Jobs.SyncGitHubJob.RunAsync), job.Method.Name);
        Assert.Equal(SyncTrigger.Manual, job.Args[0]);
        page.WaitForAssertion(() => Assert.Contains("Sync queued", page.Find("button[data-testid=sync-now]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("button[data-testid=sync-now]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SyncRunPage_RunWithErrors_ListsRepositoryFileAndMessage()
    {
        Configure();
        var run = await AddRunAsync(r =>
        {
            r.Count("service", new SyncCounts(Created: 3, Unchanged: 35));
            r.RecordRequests(120, 30, 2, 4870, null);
            r.AddError("acme/billing", "catalog-info.yaml", "line 3: mapping values are not allowed here");
            r.AddError("acme/search", null, "GitHub answered 502 three times");
            r.Finish();
        });

        var page = Render<SyncRunPage>(p => p.Add(x => x.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Contains("acme/billing", page.Find("[data-testid=sync-run-errors]").TextContent, StringComparison.Ordinal));
        var errors = page.Find("[data-testid=sync-run-errors]").TextContent;
        Assert.Contains("catalog-info.yaml", errors, StringComparison.Ordinal);
        Assert.Contains("line 3: mapping values are not allowed here", errors, StringComparison.Ordinal);
        Assert.Contains("GitHub answered 502 three times", errors, StringComparison.Ordinal);
        Assert.Contains("Succeeded with errors", page.Find("[data-testid=sync-status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("20% of all answers", page.Find("[data-testid=sync-run-requests]").TextContent, StringComparison.Ordinal);
        Assert.Contains("service", page.Find("[data-testid=sync-counts]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncRunPage_RunWithoutErrors_SaysNoErrors()
    {
        Configure();
        var run = await AddRunAsync(r => r.Finish());

        var page = Render<SyncRunPage>(p => p.Add(x => x.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Contains("No errors", page.Find("[data-testid=sync-run-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void SyncRunPage_UnknownRun_SaysSo()
    {
        Configure();

        var page = Render<SyncRunPage>(p => p.Add(x => x.RunId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("No such sync run", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }

    /// <summary>
    /// Storage that knows no schedule. Hangfire's real storages log through a process-wide provider
    /// that earlier host-based tests leave pointing at a disposed logger factory.
    /// </summary>
    private sealed class NoJobStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();

        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }

    /// <summary>Keeps the jobs a page enqueues instead of running them.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
