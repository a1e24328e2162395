using Portal.Domain.Debt;
using Portal.Domain.Sync;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// More open labelled issues than GitHub's search answers for one query (1,000; the fake's cap is lowered to 5): the
/// search goes on in slices by creation date, so it is still read to the end and closed issues are still followed.
/// </summary>
public abstract class GitHubDebtSearchSliceTests(TestProvider provider) : GitHubDebtSyncTestBase(provider)
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_MoreIssuesThanOneQueryAnswers_ReadInSlicesEachOnce()
    {
        Server.State.SearchResultCap = 5;
        // Issues 5, 6 and 7 share a second: the second slice starts at it and answers issue 5 again.
        var issues = Enumerable.Range(0, 12).Select(n => Issue(n < 5 ? n : n is 5 or 6 or 7 ? 4 : n)).ToList();

        var harness = Harness();
        var run = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Created: 12), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.DoesNotContain(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme (tech-debt issues)");
        var searches = Server.Requests.Where(r => r.Path.EndsWith("search/issues", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, searches.Count);
        Assert.Contains("created:>=2026-10-01T09:00:04Z", Uri.UnescapeDataString(searches[1].Query), StringComparison.Ordinal);
        Assert.Equal(issues.Select(i => i.Title).Order(), (await ItemsAsync()).Select(i => i.Title).Order());
    }

    [Fact]
    public async Task RunAsync_IssueClosedAmongMoreThanOneQueryAnswers_ItemTurnsDone()
    {
        Server.State.SearchResultCap = 5;
        var issues = Enumerable.Range(0, 12).Select(Issue).ToList();
        var harness = Harness();
        await harness.RunAsync(Ct);

        Close(issues[2]);
        var run = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Updated: 1, Unchanged: 11), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal(DebtStatus.Done, (await ItemsAsync()).Single(i => i.Title == issues[2].Title).Status);
    }

    [Fact]
    public async Task RunAsync_MoreIssuesCreatedInOneSecondThanOneQueryAnswers_SaysSoAndLooksUpNothing()
    {
        Server.State.SearchResultCap = 5;
        var early = Issue(0);
        var harness = Harness();
        await harness.RunAsync(Ct);
        Close(early);
        for (var n = 0; n < 6; n++)
        {
            Issue(30);
        }

        Server.ClearRequests();

        var run = await harness.RunAsync(Ct);

        Assert.Contains(await harness.ErrorsAsync(run, Ct), e => e.Repository == "acme (tech-debt issues)" && e.Message.Contains("only the first 5 were read", StringComparison.Ordinal));
        Assert.DoesNotContain(Server.Requests, r => r.Path.EndsWith("/repos/acme/billing/issues/1", StringComparison.Ordinal));
        Assert.True((await ItemsAsync()).Single(i => i.Title == early.Title).IsOpen);
    }

    /// <summary>An open labelled issue of billing created <paramref name="second"/> seconds after <see cref="Start"/>.</summary>
    private FakeIssue Issue(int second)
    {
        var issue = AddIssue("billing", $"Billing shortcut {Org.Repo("billing").Issues.Count + 1:00}", "tech-debt");
        issue.CreatedAt = Start.AddSeconds(second);
        return issue;
    }
}

public sealed class SqliteGitHubDebtSearchSliceTests() : GitHubDebtSearchSliceTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtSearchSliceTests() : GitHubDebtSearchSliceTests(TestProvider.Postgres);
