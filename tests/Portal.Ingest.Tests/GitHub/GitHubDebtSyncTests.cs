using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>Tech-debt issues becoming debt items through the GitHub sync, against the fake GitHub.</summary>
public abstract class GitHubDebtSyncTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 11, 20, 15, 30, 0, TimeSpan.Zero);

    private FakeGitHubServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeGitHubServer Server => _server!;

    private FakeOrg Org => Server.State.Org("acme");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await FakeGitHubServer.StartAsync(SmallOrg.Create(), Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

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
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt", "debt:kind/testing").State = "closed";
        var harness = Harness();
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        var again = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Unchanged: 2), again.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
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
        Close(issue);
        issue.StateReason = "not_planned";

        await Harness().RunAsync(Ct);
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

    [Fact]
    public async Task RunAsync_ArchivedRepository_IssuesIgnored()
    {
        AddIssue("old-tool", "Old tool still uses Python 2", "tech-debt");

        var run = await Harness(o => o.SkipArchived = false).RunAsync(Ct);

        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        Assert.Equal(0, run.ErrorCount);
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
    public async Task RunAsync_MoreResultsThanThePageCap_SaysSoAndReleasesNothing()
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

        harness.Options.MaxDebtIssuePages = 1;
        var run = await harness.RunAsync(Ct);

        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme (tech-debt issues)" && e.Message.Contains("only the first 100 were read", StringComparison.Ordinal));
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
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);

        unlabelled.Labels.Clear();
        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct);
        Org.Repo("ledger").Issues.Clear();
        await harness.Sync.SyncIssueAsync("acme", "ledger", 1, SyncTrigger.Webhook, Ct);

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

    private FakeIssue AddIssue(string repository, string title, params string[] labels)
    {
        var issue = new FakeIssue(title) { CreatedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()) };
        issue.CreatedAt = issue.CreatedAt.AddSeconds(Org.Repo(repository).Issues.Count);
        issue.Labels.AddRange(labels);
        Org.Repo(repository).Issues.Add(issue);
        return issue;
    }

    private static void Close(FakeIssue issue)
    {
        issue.State = "closed";
        issue.ClosedAt = ClosedAt;
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(1);
    }

    private async Task<DebtItem> ItemAsync()
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.AsNoTracking().SingleAsync(Ct);
    }

    /// <summary>A person's change, saved as the register saves it (the version moves).</summary>
    private async Task ChangeItemAsync(Action<DebtItem> change)
    {
        await using var db = Db.CreateContext();
        change(await db.DebtItems.SingleAsync(Ct));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Every item's version and save time, and the audit log's length: equal fingerprints, nothing was written.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = Db.CreateContext();
        var items = await db.DebtItems.OrderBy(i => i.Title).Select(i => $"{i.Title}:{i.Version}:{i.UpdatedAt:O}:{i.Source}:{i.Status}").ToListAsync(Ct);
        var audits = await db.AuditEntries.CountAsync(a => a.EntityType == DebtCommands.EntityType, Ct);
        return string.Join("|", items.Append(audits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private GitHubSyncHarness Harness(Action<Portal.Ingest.GitHub.GitHubOptions>? configure = null) => new(Db.Factory, Server, configure);
}

public sealed class SqliteGitHubDebtSyncTests() : GitHubDebtSyncTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtSyncTests() : GitHubDebtSyncTests(TestProvider.Postgres);
