using Microsoft.EntityFrameworkCore;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>The GitHub sync against a local fake GitHub that speaks the real REST shapes.</summary>
public abstract partial class GitHubSyncTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
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

    private GitHubSyncHarness Harness(Action<Portal.Ingest.GitHub.GitHubOptions>? configure = null, TimeProvider? clock = null) =>
        new(Db.Factory, Server, configure, clock);

    /// <summary>Every catalog record with its version and timestamp: equal fingerprints, nothing was written.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = Db.CreateContext();
        var services = await db.Services.OrderBy(s => s.Name).Select(s => $"{s.Name}:{s.Version}:{s.UpdatedAt:O}:{s.IsOrphaned}").ToListAsync(Ct);
        var teams = await db.Teams.OrderBy(t => t.Name).Select(t => $"{t.Name}:{t.Version}:{t.UpdatedAt:O}:{t.IsGone}").ToListAsync(Ct);
        var people = await db.People.OrderBy(p => p.Name).Select(p => $"{p.Name}:{p.Version}").ToListAsync(Ct);
        var memberships = await db.TeamMemberships.CountAsync(Ct);
        var repos = await db.GitHubRepositories.OrderBy(r => r.GitHubId).Select(r => $"{r.Name}:{r.UpdatedAt:O}").ToListAsync(Ct);
        return string.Join("|", services.Concat(teams).Concat(people).Concat(repos).Append(memberships.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class SqliteGitHubSyncTests() : GitHubSyncTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncTests() : GitHubSyncTests(TestProvider.Postgres);
