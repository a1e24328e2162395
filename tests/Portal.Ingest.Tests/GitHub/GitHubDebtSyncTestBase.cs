using Microsoft.EntityFrameworkCore;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>A fake GitHub with the small organisation, and the helpers the tech-debt sync tests share.</summary>
public abstract class GitHubDebtSyncTestBase(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    protected static readonly DateTimeOffset ClosedAt = new(2026, 11, 20, 15, 30, 0, TimeSpan.Zero);

    private FakeGitHubServer? _server;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FakeGitHubServer Server => _server!;

    protected FakeOrg Org => Server.State.Org("acme");

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

    protected FakeIssue AddIssue(string repository, string title, params string[] labels)
    {
        var issue = new FakeIssue(title) { CreatedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()) };
        issue.CreatedAt = issue.CreatedAt.AddSeconds(Org.Repo(repository).Issues.Count);
        issue.Labels.AddRange(labels);
        Org.Repo(repository).Issues.Add(issue);
        return issue;
    }

    protected static void Close(FakeIssue issue)
    {
        issue.State = "closed";
        issue.ClosedAt = ClosedAt;
        issue.UpdatedAt = issue.UpdatedAt.AddMinutes(1);
    }

    protected async Task<DebtItem> ItemAsync()
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.AsNoTracking().SingleAsync(Ct);
    }

    protected async Task<List<DebtItem>> ItemsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.AsNoTracking().OrderBy(i => i.Title).ToListAsync(Ct);
    }

    /// <summary>A person's change, saved as the register saves it (the version moves).</summary>
    protected async Task ChangeItemAsync(Action<DebtItem> change)
    {
        await using var db = Db.CreateContext();
        change(await db.DebtItems.SingleAsync(Ct));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Every item's version and save time, and the audit log's length: equal fingerprints, nothing was written.</summary>
    protected async Task<string> FingerprintAsync()
    {
        await using var db = Db.CreateContext();
        var items = await db.DebtItems.OrderBy(i => i.Title).Select(i => $"{i.Title}:{i.Version}:{i.UpdatedAt:O}:{i.Source}:{i.Status}").ToListAsync(Ct);
        var audits = await db.AuditEntries.CountAsync(a => a.EntityType == DebtCommands.EntityType, Ct);
        return string.Join("|", items.Append(audits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The items' part of a <see cref="FingerprintAsync"/> (without the audit log's length).</summary>
    protected static string ItemsOf(string fingerprint) => fingerprint[..fingerprint.LastIndexOf('|')];

    /// <summary>The audit entries saying the sync held an item's release back.</summary>
    protected async Task<int> RefusedReleasesAsync()
    {
        await using var db = Db.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.Action == DebtMirrorCommands.ReleaseRefusedAction && !a.Succeeded && a.EntityType == DebtCommands.EntityType, Ct);
    }

    internal GitHubSyncHarness Harness(Action<Portal.Ingest.GitHub.GitHubOptions>? configure = null) => new(Db.Factory, Server, configure);
}
