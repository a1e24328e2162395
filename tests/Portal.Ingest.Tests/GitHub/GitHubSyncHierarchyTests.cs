using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Catalog;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// The team hierarchy stays within one origin on GitHub too (s13 review MED-3): a repository's group keeps no child
/// of another repository or of the team sync; such an edge left from before the rule is taken off and audited.
/// </summary>
public abstract class GitHubSyncHierarchyTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    // Repositories may define groups here (not the default), so that a repository's group exists at all.
    private static readonly SourceRules GroupsFromRepositories = new() { Repositories = ["Component", "Group"] };

    private FakeGitHubServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeOrg Org => _server!.State.Org("acme");

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
    public async Task RunAsync_RepositoryGroupWithAChildLeftFromAnotherRepository_TakenOffAndAudited()
    {
        Org.AddRepo("org-a", r => r.SetFile("catalog-info.yaml", Group("lead")));
        Org.AddRepo("org-b", r => r.SetFile("catalog-info.yaml", Group("squad")));
        var harness = new GitHubSyncHarness(Db.Factory, _server!, rules: GroupsFromRepositories);
        await harness.RunAsync(Ct);
        await PlaceUnderAsync("squad", "lead");

        var run = await harness.RunAsync(Ct);
        await harness.RunAsync(Ct);

        Assert.Empty(await harness.ErrorsAsync(run, Ct));
        Assert.Null(await ParentOfAsync("squad"));
        await using var db = Db.CreateContext();
        var removed = await db.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.removed", Ct);
        Assert.Equal("squad", removed.EntityKey);
        Assert.StartsWith("github:acme", removed.Actor, StringComparison.Ordinal);
        Assert.Contains("lead", removed.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TeamSyncTeamUnderARepositoryGroup_TakenOffAndAudited()
    {
        Org.AddRepo("org-a", r => r.SetFile("catalog-info.yaml", Group("lead")));
        var harness = new GitHubSyncHarness(Db.Factory, _server!, rules: GroupsFromRepositories);
        await harness.RunAsync(Ct);
        Assert.Null(await ParentOfAsync("platform"));
        await PlaceUnderAsync("platform", "lead");

        await harness.RunAsync(Ct);
        await harness.RunAsync(Ct);

        Assert.Null(await ParentOfAsync("platform"));
        Assert.Equal("platform", await ParentOfAsync("payments"));
        await using var db = Db.CreateContext();
        var removed = await db.AuditEntries.SingleAsync(a => a.Action == "team.hierarchy.removed", Ct);
        Assert.Equal("platform", removed.EntityKey);
    }

    /// <summary>Puts a team under another as an import from before the origin rule could.</summary>
    private async Task PlaceUnderAsync(string child, string parent)
    {
        await using var db = Db.CreateContext();
        var team = await db.Teams.SingleAsync(t => t.Name == child, Ct);
        team.SetParent(await db.Teams.SingleAsync(t => t.Name == parent, Ct));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<string?> ParentOfAsync(string team)
    {
        await using var db = Db.CreateContext();
        return await db.Teams.Where(t => t.Name == team).Select(t => t.ParentTeam == null ? null : t.ParentTeam.Name).SingleAsync(Ct);
    }

    private static string Group(string name) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
          children: []
        """;
}

public sealed class SqliteGitHubSyncHierarchyTests() : GitHubSyncHierarchyTests(TestProvider.Sqlite);

public sealed class PostgresGitHubSyncHierarchyTests() : GitHubSyncHierarchyTests(TestProvider.Postgres);
