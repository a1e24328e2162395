using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sync;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>Nothing changed, errors, rate limits, bad tokens and malformed files.</summary>
public abstract partial class GitHubSyncTests
{
    [Fact]
    public async Task RunAsync_NothingChangedOnGitHub_ChangesNothingAndIsAnsweredMostlyBy304()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        var second = await harness.RunAsync(Ct);

        Assert.True(second.ChangedNothing, string.Join("; ", second.Counts.Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(before, await FingerprintAsync());
        Assert.True(second.NotModifiedShare >= 0.9, $"{second.NotModified} answered 304, {second.Requests} counted");
    }

    [Fact]
    public async Task RunAsync_AfterRestart_EtagsFromTheDatabaseStillGive304()
    {
        await Harness().RunAsync(Ct);

        var afterRestart = await Harness().RunAsync(Ct);

        Assert.True(afterRestart.NotModified > afterRestart.Requests, $"{afterRestart.NotModified} answered 304, {afterRestart.Requests} counted");
    }

    [Fact]
    public async Task RunAsync_CatalogFileChanged_ServiceUpdatedOnNextSync()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Repo("billing").SetFile("catalog-info.yaml", SmallOrg.BillingCatalog.Replace("Sends invoices", "Sends invoices and reminders", StringComparison.Ordinal));

        var run = await harness.RunAsync(Ct);

        await using var db = Db.CreateContext();
        Assert.Equal("Sends invoices and reminders", (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).Description);
        Assert.Equal(1, run.Counts["service"].Updated);
    }

    [Fact]
    public async Task RunAsync_ServerErrorsOnOneRepository_RecordedWhileOthersSync()
    {
        Server.Faults.ServerErrors("/repos/acme/ledger/git/trees/", count: 10);

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        var error = Assert.Single(await Harness().ErrorsAsync(run, Ct));
        Assert.Equal("acme/ledger", error.Repository);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.True(await db.Services.AnyAsync(s => s.Name == "billing", Ct));
    }

    [Fact]
    public async Task RunAsync_TransientServerErrorAndTimeout_RetriedWithoutErrors()
    {
        Server.Faults.ServerErrors("/orgs/acme/repos", count: 1, status: 503);
        Server.Faults.Timeouts("/repos/acme/billing/git/trees/", count: 1, delay: TimeSpan.FromSeconds(5));

        var run = await Harness().RunAsync(Ct);

        Assert.Equal((SyncRunStatus.Succeeded, 0), (run.Status, run.ErrorCount));
        Assert.True(run.Retries >= 2, $"{run.Retries} retries");
    }

    [Fact]
    public async Task RunAsync_SecondaryRateLimit_WaitsAndFinishes()
    {
        Server.Faults.SecondaryRateLimit("/orgs/acme/teams", count: 1, retryAfterSeconds: 1);

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task RunAsync_PrimaryRateLimitRunsOut_PausesUntilResetAndFinishes()
    {
        Server.State.Update(() =>
        {
            Server.State.RateLimit.Remaining = 4;
            Server.State.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddSeconds(2);
        });

        var run = await Harness().RunAsync(Ct);

        Assert.Equal((SyncRunStatus.Succeeded, 0), (run.Status, run.ErrorCount));
        await using var db = Db.CreateContext();
        Assert.Equal(4, await db.Services.CountAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_RateLimitResetTooFarAway_InterruptsThenResumesWhereItStopped()
    {
        var harness = Harness(o => o.MaxRateLimitWait = TimeSpan.FromSeconds(1));
        Server.State.Update(() =>
        {
            // Enough for teams, members, the repository list and the first batch of trees, not for all.
            Server.State.RateLimit.Remaining = 8;
            Server.State.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddHours(1);
        });
        var interrupted = await harness.RunAsync(Ct);
        Assert.Equal(SyncRunStatus.Interrupted, interrupted.Status);
        Assert.InRange(interrupted.RepositoriesDone, 1, 3);

        Server.State.Update(() => Server.State.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddSeconds(-1));
        Server.ClearRequests();
        var resumed = await harness.RunAsync(Ct);

        Assert.Equal((interrupted.Id, SyncRunStatus.Succeeded, 1), (resumed.Id, resumed.Status, resumed.Resumptions));
        var trees = Server.Requests.Count(r => r.Path.Contains("/git/trees/", StringComparison.Ordinal));
        Assert.True(trees < 4, $"the resumed run read {trees} trees again");
        await using var db = Db.CreateContext();
        Assert.Equal(4, await db.Services.CountAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_InvalidToken_FailsClearlyAndDeletesNothing()
    {
        await Harness().RunAsync(Ct);
        var before = await FingerprintAsync();

        var run = await Harness(o => o.Token = "expired-token").RunAsync(Ct);

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Contains("Bad credentials", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task RunAsync_MalformedCatalogFile_ErrorNamesFileAndPreviousDataKept()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Repo("billing").SetFile("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing\n  description: [unclosed\n");

        var run = await harness.RunAsync(Ct);

        Assert.Equal(SyncRunStatus.SucceededWithErrors, run.Status);
        var error = Assert.Single(await harness.ErrorsAsync(run, Ct));
        Assert.Equal(("acme/billing", "catalog-info.yaml"), (error.Repository, error.Path));
        await using var db = Db.CreateContext();
        var billing = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("Sends invoices", false), (billing.Description, billing.IsOrphaned));
    }
}
