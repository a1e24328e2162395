using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// An item follows its issue by GitHub's issue id, not by its web address: renames, transfers and an organisation
/// configured in another case keep one item per issue. Issues that leave the search are looked up before anything changes.
/// </summary>
public abstract class GitHubDebtIdentityTests(TestProvider provider) : GitHubDebtSyncTestBase(provider)
{
    [Fact]
    public async Task RunAsync_RepositoryRenamed_SameItemAddressFollowsNoDuplicate()
    {
        AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        await ChangeItemAsync(i => i.Assess(5, 4, 13, DateTime.UtcNow));

        Org.Repo("billing").Name = "invoicing";
        var run = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Updated: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        var item = await ItemAsync();
        Assert.EndsWith("/acme/invoicing/issues/1", item.ExternalUrl, StringComparison.Ordinal);
        Assert.Equal([item.ExternalUrl], item.Links.Where(l => l.Kind == DebtLinkKind.GitHubIssue).Select(l => l.Url));
        Assert.Equal((true, 5, 13.0), (item.IsMirrored, item.Likelihood, item.EffortDays));
        await using var db = Db.CreateContext();
        var after = await db.AuditEntries.Where(a => a.Action == DebtMirrorCommands.UpdateAction).OrderBy(a => a.Id).Select(a => a.After!).LastAsync(Ct);
        Assert.Contains("/acme/billing/issues/1", after, StringComparison.Ordinal);
        // The entry's "after" is the item as saved: the version the update gave it.
        Assert.Equal(item.Version, System.Text.Json.JsonDocument.Parse(after).RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task RunAsync_IssueTransferredToAnotherRepository_SameItemFollows()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);

        Org.Repo("billing").Issues.Remove(issue);
        issue.Number = 0;
        Org.Repo("ledger").Issues.Add(issue);
        var run = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Updated: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        var item = await ItemAsync();
        Assert.EndsWith("/acme/ledger/issues/1", item.ExternalUrl, StringComparison.Ordinal);
        Assert.True(item.IsMirrored);
    }

    [Fact]
    public async Task SyncIssueAsync_AnotherIssueDeletedAtTheItemsStaleAddress_ItemKeptItsOwnDeletionReleasesIt()
    {
        // The item follows acme/billing#1. After a rename and a new repository of the old name, another issue #1 there is
        // deleted: the webhook names the same address, but GitHub's id for the deleted issue is not the item's.
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        Org.Repo("billing").Issues.Remove(issue);

        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct, issueId: issue.Id + 1000);
        var kept = await ItemAsync();
        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct, issueId: null);
        var stillKept = await ItemAsync();
        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct, issueId: issue.Id);
        var released = await ItemAsync();

        Assert.Equal((true, true), (kept.IsMirrored, stillKept.IsMirrored));
        Assert.Equal((false, DataSource.Manual), (released.IsMirrored, released.Source));
    }

    [Fact]
    public async Task RunAsync_OrganisationConfiguredInAnotherCase_IssuesMirroredOnce()
    {
        AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness(o => o.Organizations = ["ACME"]);

        var first = await harness.RunAsync(Ct);
        var second = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Created: 1), first.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal(new SyncCounts(Unchanged: 1), second.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.DoesNotContain(await harness.ErrorsAsync(first, Ct), e => e.Message.Contains("no service", StringComparison.Ordinal));
        Assert.Single(await ItemsAsync());
    }

    [Fact]
    public async Task RunAsync_SearchMissesAnIssueThatStillHasTheLabel_ItemKept()
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        var harness = Harness();
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        // The search leaves the issue out (its index lags); the issue itself still carries the label.
        issue.HiddenFromSearch = true;
        var run = await harness.RunAsync(Ct);

        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(new SyncCounts(Unchanged: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
    }

    [Fact]
    public async Task RunAsync_ManyIssuesNotFoundAtOnce_NoneReleasedAndTheRunSaysWhy()
    {
        for (var n = 0; n < 3; n++)
        {
            AddIssue("billing", $"Billing shortcut {n}", "tech-debt");
        }

        var harness = Harness(o => o.MaxDebtReleasesPerRun = 2);
        await harness.RunAsync(Ct);
        var before = await FingerprintAsync();

        Org.Repo("billing").Issues.Clear();
        var run = await harness.RunAsync(Ct);
        var again = await harness.RunAsync(Ct);

        Assert.Equal(ItemsOf(before), ItemsOf(await FingerprintAsync()));
        // One refused entry per item, not one per item and run: the cause lasts, and the hourly sync would fill the log.
        Assert.Equal(3, await RefusedReleasesAsync());
        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Message.Contains("MaxDebtReleasesPerRun", StringComparison.Ordinal));
        Assert.Contains(await harness.ErrorsAsync(again, Ct), e => e.Message.Contains("MaxDebtReleasesPerRun", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DebtLabelSettingNoLongerMatchesManyIssues_NoneReleasedAndTheRunNamesTheSetting()
    {
        for (var n = 0; n < 3; n++)
        {
            AddIssue("billing", $"Billing shortcut {n}", "tech-debt");
        }

        await Harness().RunAsync(Ct);
        var before = await FingerprintAsync();

        // Someone sets GitHub:DebtLabel to a label the issues do not carry: every item leaves the search at once.
        var harness = Harness(o =>
        {
            o.DebtLabel = "techdebt";
            o.MaxDebtReleasesPerRun = 2;
        });
        var run = await harness.RunAsync(Ct);

        Assert.Equal(ItemsOf(before), ItemsOf(await FingerprintAsync()));
        Assert.Equal(3, await RefusedReleasesAsync());
        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Message.Contains("3 mirrored issues would be released at once", StringComparison.Ordinal)
            && e.Message.Contains("DebtLabel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AsManyReleasesAsTheLimit_Released()
    {
        var issues = Enumerable.Range(0, 3).Select(n => AddIssue("billing", $"Billing shortcut {n}", "tech-debt")).ToList();
        var harness = Harness(o => o.MaxDebtReleasesPerRun = 2);
        await harness.RunAsync(Ct);

        issues[0].Labels.Remove("tech-debt");
        Org.Repo("billing").Issues.Remove(issues[1]);
        await harness.RunAsync(Ct);

        Assert.Equal([false, false, true], (await ItemsAsync()).OrderBy(i => i.Title).Select(i => i.IsMirrored));
    }

    [Fact]
    public async Task RunAsync_IssueByOutsider_NotMirroredUnlessAllowed()
    {
        AddIssue("billing", "Please add retries", "tech-debt", "debt:effort/0.25").AuthorAssociation = "NONE";
        var harness = Harness();

        var run = await harness.RunAsync(Ct);

        Assert.Empty(await ItemsAsync());
        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Message.Contains("outside the organisation", StringComparison.Ordinal));
        harness.Options.DebtIssuesFromOutsiders = true;
        await harness.RunAsync(Ct);
        Assert.Equal(DebtLabels.DefaultEffortDays, Assert.Single(await ItemsAsync()).EffortDays);
    }

    [Fact]
    public async Task RunAsync_OutsidersIssuesNoLongerMirrored_TheirItemsReleasedNotFrozen()
    {
        var issue = AddIssue("billing", "Please add retries", "tech-debt");
        issue.AuthorAssociation = "NONE";
        issue.User = "mallory";
        var harness = Harness(o => o.DebtIssuesFromOutsiders = true);
        await harness.RunAsync(Ct);
        var mirrored = await ItemAsync();

        harness.Options.DebtIssuesFromOutsiders = false;
        var run = await harness.RunAsync(Ct);
        var released = await ItemAsync();
        issue.Title = "Please add retries with backoff";
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(5);
        await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct);

        Assert.Equal(("mallory", "NONE", true), (mirrored.GitHubAuthor, mirrored.GitHubAuthorAssociation, mirrored.IsMirrored));
        Assert.Equal(new SyncCounts(Orphaned: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal((DataSource.Manual, "Please add retries"), (released.Source, released.Title));
        Assert.Equal("Please add retries", (await ItemAsync()).Title);
        await using var db = Db.CreateContext();
        Assert.Contains("DebtIssuesFromOutsiders is off", await db.AuditEntries.Where(a => a.Action == DebtMirrorCommands.ReleaseAction).Select(a => a.After!).SingleAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteGitHubDebtIdentityTests() : GitHubDebtIdentityTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtIdentityTests() : GitHubDebtIdentityTests(TestProvider.Postgres);
