using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>Tech-debt issues becoming debt items through the GitHub sync, against the fake GitHub.</summary>
public abstract class GitHubDebtSyncTests(TestProvider provider) : GitHubDebtSyncTestBase(provider)
{
    [Fact]
    public async Task RunAsync_LabelledIssue_BecomesItemOnTheRepositoryService()
    {
        AddIssue("billing", "Invoice sender retries without backoff", "tech-debt", "debt:signal/cascading-failures", "debt:effort/8").Body = "Retries **hammer** the mail relay.";
        AddIssue("billing", "Typo on the invoice page", "bug");
        AddIssue("billing", "Remove the retry loop", "tech-debt").IsPullRequest = true;

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(new SyncCounts(Created: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.Include(i => i.Services).ThenInclude(s => s.Service).Include(i => i.OwnerTeam).SingleAsync(Ct);
        Assert.Equal(("Invoice sender retries without backoff", "Retries **hammer** the mail relay."), (item.Title, item.Description));
        Assert.Equal((DataSource.GitHub, true), (item.Source, item.IsMirrored));
        Assert.EndsWith("/acme/billing/issues/1", item.ExternalUrl, StringComparison.Ordinal);
        Assert.Equal((ScalingSignal.CascadingFailures, 8.0, DebtLabels.DefaultLikelihood), (item.Signal, item.EffortDays, item.Likelihood));
        Assert.Equal(["billing"], item.Services.Select(s => s.Service!.Name));
        Assert.Equal(("payments", DebtStatus.Proposed), (item.OwnerTeam?.Name, item.Status));
        Assert.Equal((DebtLinkKind.GitHubIssue, item.ExternalUrl, "acme/billing#1"), (item.Links.Single().Kind, item.Links.Single().Url, item.Links.Single().Title));
        Assert.True(item.Priority > 0);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == DebtCommands.EntityType, Ct);
        Assert.Equal((DebtMirrorCommands.CreateAction, "github:acme/billing"), (audit.Action, audit.Actor));
    }

    [Fact]
    public async Task RunAsync_SecondSyncWithNoChange_WritesNothing()
    {
        AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var ledger = AddIssue("ledger", "Ledger has no integration tests", "tech-debt", "debt:kind/testing");
        var harness = Harness();
        await harness.RunAsync(Ct);
        Close(ledger);
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        var again = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Unchanged: 1), again.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal(DebtStatus.Done, (await ItemsAsync()).Single(i => i.Title == "Ledger has no integration tests").Status);
        Assert.True(again.ChangedNothing);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task RunAsync_IssueClosedThenReopened_DoneOnTheDayItClosedThenBackWhereItWas()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        await ChangeItemAsync(i => i.SetStatus(DebtStatus.InProgress, null, null, DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow));

        Close(issue);
        await harness.RunAsync(Ct);
        var closed = await ItemAsync();
        issue.State = "open";
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(5);
        await harness.RunAsync(Ct);
        var reopened = await ItemAsync();

        Assert.Equal((DebtStatus.Done, ClosedAt.UtcDateTime), (closed.Status, closed.DoneAt));
        Assert.Equal((DebtStatus.InProgress, null), (reopened.Status, reopened.DoneAt));
    }

    [Fact]
    public async Task RunAsync_IssueClosedAsNotPlanned_WontFixWithReasonAndDate()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        Close(issue);
        issue.StateReason = "not_planned";

        await harness.RunAsync(Ct);
        var item = await ItemAsync();

        Assert.Equal((DebtStatus.WontFix, DebtItem.NotPlannedReason), (item.Status, item.WontFixReason));
        Assert.NotNull(item.RevisitOn);
        Assert.Null(item.DoneAt);
    }

    [Fact]
    public async Task RunAsync_IssueEditedAndRelabelledOnGitHub_TextFollowsPeoplesFieldsStay()
    {
        var issue = AddIssue("billing", "Invoice sender retries", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        await ChangeItemAsync(i => i.Assess(5, 4, 13, DateTime.UtcNow));

        issue.Title = "Invoice sender retries without backoff";
        issue.Body = "Seen in INC-42.";
        issue.Labels.AddRange(["debt:effort/1", "debt:likelihood/1"]);
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(5);
        var run = await harness.RunAsync(Ct);
        var item = await ItemAsync();

        Assert.Equal(new SyncCounts(Updated: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal(("Invoice sender retries without backoff", "Seen in INC-42."), (item.Title, item.Description));
        Assert.Equal((5, 4, 13.0), (item.Likelihood, item.Impact, item.EffortDays));
    }

    [Fact]
    public async Task RunAsync_LabelRemovedThenAddedAgain_ItemStaysAsPortalsOwnThenMirrorsAgain()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);

        issue.Labels.Remove("tech-debt");
        var released = await harness.RunAsync(Ct);
        var own = await ItemAsync();
        issue.Labels.Add("tech-debt");
        issue.Title = "Invoice sender: add backoff";
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(5);
        await harness.RunAsync(Ct);
        var mirrored = await ItemAsync();

        Assert.Equal(new SyncCounts(Orphaned: 1), released.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal((DataSource.Manual, false, DebtStatus.Proposed), (own.Source, own.IsMirrored, own.Status));
        Assert.NotNull(own.ExternalUrl);
        Assert.Contains(own.Links, l => l.Kind == DebtLinkKind.GitHubIssue);
        Assert.Equal((true, "Invoice sender: add backoff"), (mirrored.IsMirrored, mirrored.Title));
        await using var db = Db.CreateContext();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(Ct), a => a == DebtMirrorCommands.ReleaseAction);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_RepositoryArchivedAfterItsIssueWasMirrored_ItemReleasedSayingWhy(bool skipArchived)
    {
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt");
        var harness = Harness(o => o.SkipArchived = skipArchived);
        await harness.RunAsync(Ct);

        // Archived: read-only on GitHub, so the issue can no longer be closed there.
        Org.Repo("ledger").Archived = true;
        var run = await harness.RunAsync(Ct);
        var item = await ItemAsync();
        var before = await FingerprintAsync();
        var again = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Orphaned: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal((DataSource.Manual, false, DebtStatus.Proposed), (item.Source, item.IsMirrored, item.Status));
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == DebtMirrorCommands.ReleaseAction, Ct);
        Assert.Equal("github:acme/ledger", audit.Actor);
        Assert.Contains("acme/ledger is archived on GitHub", audit.After, StringComparison.Ordinal);
        Assert.True(again.ChangedNothing);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task RepositoryUnarchivedAfterTheRelease_IssueChanges_ItemStaysPortalsOwnAndDone()
    {
        var issue = AddIssue("ledger", "Ledger has no integration tests", "tech-debt");
        var harness = Harness(o => o.SkipArchived = false);
        await harness.RunAsync(Ct);
        Org.Repo("ledger").Archived = true;
        await harness.RunAsync(Ct);
        // People close the released item in Portal and retitle it, as the docs tell them to.
        var day = new DateOnly(2026, 11, 20);
        await ChangeItemAsync(i =>
        {
            i.Describe("Ledger integration tests (ours now)", null, ClosedAt.UtcDateTime);
            i.MoveTo(DebtStatus.InProgress, null, null, day, ClosedAt.UtcDateTime);
            i.MoveTo(DebtStatus.Done, null, null, day, ClosedAt.UtcDateTime);
        });

        // Unarchived (a full run reads it), then the issue changes on GitHub: a webhook sees it, labelled and open, in a
        // repository Portal now knows is not archived; then the next full sync sees it too.
        Org.Repo("ledger").Archived = false;
        var unarchived = await harness.RunAsync(Ct);
        issue.Title = "Ledger has no integration tests (again)";
        issue.UpdatedAt = issue.UpdatedAt.AddDays(2);
        var webhook = await harness.Sync.SyncIssueAsync("acme", "ledger", issue.Number, SyncTrigger.Webhook, Ct);
        var afterWebhook = await ItemAsync();
        var full = await harness.RunAsync(Ct);

        Assert.Equal((SyncRunStatus.Succeeded, SyncRunStatus.Succeeded), (unarchived.Status, webhook.Status));
        Assert.Equal((DataSource.Manual, DebtStatus.Done, "Ledger integration tests (ours now)"), (afterWebhook.Source, afterWebhook.Status, afterWebhook.Title));
        await using (var db = Db.CreateContext())
        {
            Assert.False(await db.GitHubRepositories.Where(r => r.Name == "ledger").Select(r => r.IsArchived).SingleAsync(Ct));
        }

        var item = await ItemAsync();
        Assert.Equal((DataSource.Manual, false, DebtStatus.Done), (item.Source, item.IsMirrored, item.Status));
        Assert.Equal("Ledger integration tests (ours now)", item.Title);
        Assert.NotNull(item.MirrorStoppedAt);
        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        Assert.Single(await ItemsAsync());
    }

    [Fact]
    public async Task SyncIssueAsync_IssueOfArchivedRepository_NotMirrored()
    {
        var harness = Harness(o => o.SkipArchived = false);
        await harness.RunAsync(Ct);
        AddIssue("old-tool", "Old tool still uses Python 2", "tech-debt");

        var outcome = await harness.Sync.SyncIssueAsync("acme", "old-tool", 1, SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_RepositoryWithoutService_ReportedAndNothingWritten()
    {
        AddIssue("website", "Website has no CDN", "tech-debt");

        var harness = Harness(o => o.ExcludeRepositories = ["website"]);
        var run = await harness.RunAsync(Ct);

        var error = Assert.Single(await harness.ErrorsAsync(run, Ct));
        Assert.Equal("acme/website#1", error.Repository);
        Assert.Contains("has no service in the catalog", error.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_MalformedIssue_ClearProblemAndOnlyThatIssueNotWritten()
    {
        AddIssue("billing", "   ", "tech-debt");
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt", "debt:effort/lots");

        var harness = Harness();
        var run = await harness.RunAsync(Ct);

        var errors = await harness.ErrorsAsync(run, Ct);
        Assert.Contains(errors, e => e.Repository == "acme/billing#1" && e.Message.StartsWith("title is missing or empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Repository == "acme/ledger#1" && e.Message.Contains("debt:effort/lots", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(("Ledger has no integration tests", DebtKind.Code, DebtLabels.DefaultEffortDays), (item.Title, item.Kind, item.EffortDays));
    }

    [Fact]
    public async Task RunAsync_SearchFails_RunSaysWhyAndNoItemChanges()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        issue.Labels.Remove("tech-debt");
        var before = await FingerprintAsync();

        Server.Faults.ServerErrors("search/issues", count: 10);
        var run = await harness.RunAsync(Ct);

        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme (tech-debt issues)" && e.Message.Contains("no debt item changed", StringComparison.Ordinal));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task RunAsync_MoreResultsThanThePageCap_SaysSoAndLooksUpNothing()
    {
        var first = AddIssue("billing", "The first tech-debt issue", "tech-debt");
        first.CreatedAt = first.CreatedAt.AddDays(-1);
        var harness = Harness();
        await harness.RunAsync(Ct);
        first.CreatedAt = first.CreatedAt.AddDays(2);
        for (var n = 0; n < 100; n++)
        {
            AddIssue("ledger", $"Ledger shortcut {n}", "tech-debt");
        }

        // Past the cap the first issue is no longer read, and an incomplete search must not look up (or release) what it missed.
        Server.ClearRequests();
        harness.Options.MaxDebtIssuePages = 1;
        var run = await harness.RunAsync(Ct);

        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme (tech-debt issues)" && e.Message.Contains("only the first 100 were read", StringComparison.Ordinal));
        Assert.DoesNotContain(Server.Requests, r => r.Path.EndsWith("/repos/acme/billing/issues/1", StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal(101, await db.DebtItems.CountAsync(Ct));
        Assert.True(await db.DebtItems.AnyAsync(i => i.Title == "The first tech-debt issue" && i.Source == DataSource.GitHub, Ct));
    }

    [Fact]
    public async Task SyncIssueAsync_WebhookSaysClosed_ItemTurnsDone()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);

        Close(issue);
        var outcome = await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
        Assert.Equal((DebtStatus.Done, ClosedAt.UtcDateTime), ((await ItemAsync()).Status, (await ItemAsync()).DoneAt));
    }

    [Fact]
    public async Task SyncIssueAsync_NewLabelledIssue_CreatesItem()
    {
        var harness = Harness();
        await harness.RunAsync(Ct);
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt");

        await harness.Sync.SyncIssueAsync("acme", "ledger", 1, SyncTrigger.Webhook, Ct);

        Assert.Equal(("Ledger has no integration tests", DataSource.GitHub), ((await ItemAsync()).Title, (await ItemAsync()).Source));
    }

    [Fact]
    public async Task SyncIssueAsync_LabelRemovedOrIssueDeleted_ItemReleased()
    {
        var unlabelled = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var deleted = AddIssue("ledger", "Ledger has no integration tests", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);

        unlabelled.Labels.Clear();
        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct);
        Org.Repo("ledger").Issues.Clear();
        // The deletion's delivery carries GitHub's id for the issue (it can no longer be looked up).
        await harness.Sync.SyncIssueAsync("acme", "ledger", 1, SyncTrigger.Webhook, Ct, deleted.Id);

        await using var db = Db.CreateContext();
        var items = await db.DebtItems.ToListAsync(Ct);
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((DataSource.Manual, false), (i.Source, i.IsMirrored)));
    }

    [Fact]
    public async Task SyncIssueAsync_UnlabelledIssueNobodyMirrors_WritesNothing()
    {
        AddIssue("billing", "Typo on the invoice page", "bug");
        var harness = Harness();
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        var outcome = await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct);

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Status);
        Assert.Equal(before, await FingerprintAsync());
    }
}

public sealed class SqliteGitHubDebtSyncTests() : GitHubDebtSyncTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtSyncTests() : GitHubDebtSyncTests(TestProvider.Postgres);
