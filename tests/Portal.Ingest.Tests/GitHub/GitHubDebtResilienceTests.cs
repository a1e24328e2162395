using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>The tech-debt part of the GitHub sync when an issue is awkward or cannot be saved: the others still land.</summary>
public abstract class GitHubDebtResilienceTests(TestProvider provider) : GitHubDebtSyncTestBase(provider)
{
    private const string Emoji = "\U0001F525";

    private const string RefusedTitle = "Refused by the database";

    [Fact]
    public async Task RunAsync_EmojiAcrossTheTitleAndSearchTextCuts_MirroredWithWholeCharacters()
    {
        var issue = AddIssue("billing", new string('t', 198) + Emoji + " and more words after the cut", "tech-debt");
        issue.Body = new string('b', 1_999) + Emoji + " the rest of a long body";

        var run = await Harness().RunAsync(Ct);

        Assert.Equal(new SyncCounts(Created: 1), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.Equal((SyncRunStatus.Succeeded, 0), (run.Status, run.ErrorCount));
        var item = await ItemAsync();
        Assert.Equal(new string('t', 198) + "…", item.Title);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.All([item.Title, item.Description!, item.SearchText], text => strict.GetBytes(text));
    }

    [Fact]
    public async Task RunAsync_OneIssueRefusedByTheDatabase_OthersLandAndTheRunNamesIt()
    {
        AddIssue("billing", "Invoice sender retries without backoff", "tech-debt");
        AddIssue("billing", RefusedTitle, "tech-debt");
        AddIssue("ledger", "Ledger has no integration tests", "tech-debt");
        await RefuseTitleAsync();
        var harness = Harness();

        var run = await harness.RunAsync(Ct);

        Assert.Equal(new SyncCounts(Created: 2), run.Counts[Portal.Ingest.GitHub.GitHubSync.DebtItemKind]);
        Assert.NotEqual(SyncRunStatus.Failed, run.Status);
        var error = Assert.Single(await harness.ErrorsAsync(run, Ct));
        Assert.Equal("acme/billing#2", error.Repository);
        Assert.Contains("/acme/billing/issues/2", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused by a test trigger", error.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(["Invoice sender retries without backoff", "Ledger has no integration tests"], await db.DebtItems.OrderBy(i => i.Title).Select(i => i.Title).ToListAsync(Ct));
    }

    /// <summary>A database trigger that refuses to insert an item titled <see cref="RefusedTitle"/>: a save that fails for a reason the sync cannot foresee.</summary>
    private async Task RefuseTitleAsync()
    {
        await using var db = Db.CreateContext();
        if (Provider == TestProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE FUNCTION refuse_title() RETURNS trigger AS $$
                BEGIN
                    IF NEW.title = 'Refused by the database' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_title BEFORE INSERT ON debt_items FOR EACH ROW EXECUTE FUNCTION refuse_title();
                """, Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE TRIGGER refuse_title BEFORE INSERT ON debt_items WHEN NEW.title = 'Refused by the database'
                BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END;
                """, Ct);
        }
    }
}

public sealed class SqliteGitHubDebtResilienceTests() : GitHubDebtResilienceTests(TestProvider.Sqlite);

public sealed class PostgresGitHubDebtResilienceTests() : GitHubDebtResilienceTests(TestProvider.Postgres);
