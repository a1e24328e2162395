using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// Issues opened by people outside the organisation while GitHub:DebtIssuesFromOutsiders is off: not mirrored; an item
/// mirrored as an outsider's issue is released (within the run's cap); an item mirrored as a member's issue keeps
/// following it when GitHub later reads its author as an outsider (they left, or made their membership private).
/// </summary>
public abstract class GitHubDebtOutsiderTests(TestProvider provider) : GitHubDebtSyncTestBase(provider)
{
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

    [Theory]
    [InlineData("CONTRIBUTOR", false)]
    [InlineData("NONE", true)]
    public async Task RunAsync_MembersItemWhoseAuthorNowReadsAsOutsider_StillFollowsAndTurnsDoneOnClose(string association, bool byWebhook)
    {
        var issue = AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        issue.AuthorAssociation = "MEMBER";
        var harness = Harness();
        await harness.RunAsync(Ct);

        // The author left the organisation, or made their membership private: GitHub now reads them as an outsider.
        issue.AuthorAssociation = association;
        issue.Title = "Invoice sender retries without backoff (all senders)";
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(5);
        var run = await harness.RunAsync(Ct);
        var followed = await ItemAsync();
        Close(issue);
        if (byWebhook)
        {
            await harness.Sync.SyncIssueAsync("acme", "billing", 1, SyncTrigger.Webhook, Ct, issue.Id);
        }
        else
        {
            await harness.RunAsync(Ct);
        }

        var closed = await ItemAsync();
        Assert.Equal(new SyncCounts(Updated: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.DoesNotContain(await harness.ErrorsAsync(run, Ct), e => e.Message.Contains("outside the organisation", StringComparison.Ordinal));
        Assert.Equal((true, "Invoice sender retries without backoff (all senders)", "MEMBER"), (followed.IsMirrored, followed.Title, followed.GitHubAuthorAssociation));
        Assert.Equal((true, DebtStatus.Done, ClosedAt.UtcDateTime), (closed.IsMirrored, closed.Status, closed.DoneAt));
        await using var db = Db.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == DebtMirrorCommands.ReleaseAction, Ct));
    }

    [Fact]
    public async Task RunAsync_OutsidersItemAndGitHubNoLongerSaysWhoTheAuthorIs_ItemKept()
    {
        var issue = AddIssue("billing", "Please add retries", "tech-debt");
        issue.AuthorAssociation = "NONE";
        var harness = Harness(o => o.DebtIssuesFromOutsiders = true);
        await harness.RunAsync(Ct);

        harness.Options.DebtIssuesFromOutsiders = false;
        issue.AuthorAssociation = null;
        var run = await harness.RunAsync(Ct);

        // Unknown is not "outsider": nothing is released on a missing field.
        Assert.True((await ItemAsync()).IsMirrored);
        Assert.Equal(0, run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind].Orphaned);
    }

    [Fact]
    public async Task RunAsync_MoreOutsidersItemsThanTheCap_NoneReleasedAndTheRunNamesTheSetting()
    {
        for (var n = 0; n < 3; n++)
        {
            AddIssue("billing", $"Outsider's request {n}", "tech-debt").AuthorAssociation = "NONE";
        }

        var harness = Harness(o =>
        {
            o.DebtIssuesFromOutsiders = true;
            o.MaxDebtReleasesPerRun = 2;
        });
        await harness.RunAsync(Ct);

        harness.Options.DebtIssuesFromOutsiders = false;
        var held = await harness.RunAsync(Ct);
        var stillMirrored = (await ItemsAsync()).Count(i => i.IsMirrored);
        harness.Options.MaxDebtReleasesPerRun = 3;
        var released = await harness.RunAsync(Ct);

        Assert.Equal(3, stillMirrored);
        Assert.Equal(3, await RefusedReleasesAsync());
        Assert.Contains(await harness.ErrorsAsync(held, Ct), e => e.Message.Contains("DebtIssuesFromOutsiders was turned off", StringComparison.Ordinal));
        Assert.Equal(3, released.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind].Orphaned);
        Assert.All(await ItemsAsync(), i => Assert.Equal(DataSource.Manual, i.Source));
    }
}

public sealed class SqliteGitHubDebtOutsiderTests() : GitHubDebtOutsiderTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtOutsiderTests() : GitHubDebtOutsiderTests(TestProvider.Postgres);
