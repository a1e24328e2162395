using System.Text;
using System.Text.Json.Nodes;
using Octokit;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.FakeGitHub;

/// <summary>Octokit against the fake's REST routes: paging, repositories, contents, trees, releases, teams, branches.</summary>
public sealed partial class FakeGitHubServerTests
{
    [Fact]
    public async Task GetAllForOrg_PageSize100_OctokitFollowsLinkAcrossThreePages()
    {
        var state = Acme();
        for (var i = 1; i < 250; i++)
        {
            state.Org(Org).AddRepo($"svc-{i:D3}");
        }

        await using var server = await FakeGitHubServer.StartAsync(state, Ct);

        var repos = await EnterpriseClient(server).Repository.GetAllForOrg(Org, new ApiOptions { PageSize = 100 });

        Assert.Equal(250, repos.Select(r => r.Id).Distinct().Count());
        var pages = server.Requests.Where(r => r.Path == "/orgs/acme/repos").ToList();
        Assert.Equal(["per_page=100", "per_page=100&page=2", "per_page=100&page=3"], pages.Select(r => r.Query));
        Assert.All(pages, r => Assert.True(r.ApiV3Prefix));
    }

    [Fact]
    public async Task ListPage_InTheMiddle_LinkHeaderLikeGitHubOnTheSamePrefix()
    {
        var state = Acme();
        for (var i = 1; i < 5; i++)
        {
            state.Org(Org).AddRepo($"svc-{i}");
        }

        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);

        using var response = await http.GetAsync("api/v3/orgs/acme/repos?type=all&per_page=2&page=2", Ct);

        var api = $"{server.BaseUrl}api/v3/orgs/acme/repos";
        Assert.Equal(
            $"<{api}?type=all&per_page=2&page=1>; rel=\"prev\", <{api}?type=all&per_page=2&page=3>; rel=\"next\", "
                + $"<{api}?type=all&per_page=2&page=3>; rel=\"last\", <{api}?type=all&per_page=2&page=1>; rel=\"first\"",
            string.Join(", ", response.Headers.GetValues("Link")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal(2, body.Count);
        Assert.StartsWith($"{server.BaseUrl}api/v3/repos/acme/", (string)body[0]!["url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoryGet_ByNameAndById_DeserializesTheRepository()
    {
        var state = Acme();
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var client = Client(server);

        var repo = await client.Repository.Get(Org, "payments");
        var byId = await client.Repository.Get(repo.Id);

        Assert.Equal(state.Org(Org).Repo("payments").Id, repo.Id);
        Assert.Equal(repo.NodeId, byId.NodeId);
        Assert.Equal(("acme/payments", "Takes the money", "C#", "main"), (repo.FullName, repo.Description, repo.Language, repo.DefaultBranch));
        Assert.Equal(["pci", "tier-1"], repo.Topics);
        Assert.Equal((false, false, true), (repo.Archived, repo.Fork, repo.Private));
        Assert.Equal(RepositoryVisibility.Private, repo.Visibility);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), repo.PushedAt);
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero), repo.CreatedAt);
        Assert.Equal(("acme", AccountType.Organization), (repo.Owner.Login, repo.Owner.Type!.Value));
        Assert.Equal($"{server.BaseUrl}acme/payments", repo.HtmlUrl);
    }

    [Fact]
    public async Task RepositoryGet_AfterRename_OldNameRedirectsToTheSameId()
    {
        var state = Acme();
        var id = state.Org(Org).Repo("payments").Id;
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        state.Org(Org).Repo("payments").Name = "payments-core";

        var repo = await Client(server).Repository.Get(Org, "payments");

        Assert.Equal((id, "payments-core"), (repo.Id, repo.Name));
        Assert.Equal([301, 200], server.Requests.Select(r => r.Status));
        Assert.Equal($"/repositories/{id}", server.Requests[1].Path);
    }

    [Fact]
    public async Task Contents_FileDirectoryAndRaw_DeserializeWithGitShas()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        var contents = Client(server).Repository.Content;

        var file = Assert.Single(await contents.GetAllContentsByRef(Org, "payments", "README.md", "main"));
        var directory = await contents.GetAllContents(Org, "payments", ".github");
        var raw = await contents.GetRawContent(Org, "payments", ".github/CODEOWNERS");

        Assert.Equal(("hello world\n", ContentType.File, 12), (file.Content, file.Type.Value, file.Size));
        Assert.Equal("3b18e512dba79e4c8300dd08aeb37f8e728b8dad", file.Sha); // git hash-object
        Assert.Equal([(".github/CODEOWNERS", ContentType.File), (".github/workflows", ContentType.Dir)], directory.Select(d => (d.Path, d.Type.Value)));
        Assert.Equal("* @acme/team-payments\n", Encoding.UTF8.GetString(raw));
        await Assert.ThrowsAsync<NotFoundException>(() => contents.GetAllContents(Org, "payments", "catalog-info.yaml"));
    }

    [Fact]
    public async Task TreeAndBlob_Recursive_AnswerGitsOwnShasWithIntermediateDirectories()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        var git = Client(server).Git;

        var tree = await git.Tree.GetRecursive(Org, "payments", "main");
        var blob = await git.Blob.Get(Org, "payments", "58439813fe88d3d045a3093999f382522a7a7327");

        // The shas `git write-tree` gives for the same three files.
        Assert.Equal("a63a51129254311e68ac8d4e3b75d4d58faa1fe1", tree.Sha);
        Assert.False(tree.Truncated);
        Assert.Equal(
            [
                (".github", TreeType.Tree, "040000", "e344064fca640439f81425c36bf3f60410c19c16"),
                (".github/CODEOWNERS", TreeType.Blob, "100644", "e69f66a5c4cac7103687474d6346f23bf6237c62"),
                (".github/workflows", TreeType.Tree, "040000", "efc5d64c8387890e0a13d28caaaddb45e8cbed69"),
                (".github/workflows/ci.yml", TreeType.Blob, "100644", "58439813fe88d3d045a3093999f382522a7a7327"),
                ("README.md", TreeType.Blob, "100644", "3b18e512dba79e4c8300dd08aeb37f8e728b8dad"),
            ],
            tree.Tree.Select(t => (t.Path, t.Type.Value, t.Mode, t.Sha)));
        Assert.Equal((EncodingType.Base64, 9), (blob.Encoding.Value, blob.Size));
        Assert.Equal("name: CI\n", Encoding.UTF8.GetString(Convert.FromBase64String(blob.Content)));
    }

    [Fact]
    public async Task SetFile_ChangesTheTreeHeadAndPushedAt_OtherRepositoriesKeepTheirETags()
    {
        var state = Acme();
        state.Org(Org).AddRepo("ledger", r => r.SetFile("README.md", "ledger\n"));
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);
        var payments = state.Org(Org).Repo("payments");
        var before = (Tree: await EtagAsync("repos/acme/payments/git/trees/main?recursive=1"), Repo: await EtagAsync("repos/acme/payments"), Other: await EtagAsync("repos/acme/ledger"));
        var (head, pushed) = (payments.HeadSha, payments.PushedAt);

        payments.SetFile("catalog-info.yaml", "kind: Component\n");

        Assert.NotEqual(before.Tree, await EtagAsync("repos/acme/payments/git/trees/main?recursive=1"));
        Assert.NotEqual(before.Repo, await EtagAsync("repos/acme/payments"));
        Assert.Equal(before.Other, await EtagAsync("repos/acme/ledger"));
        Assert.NotEqual(head, payments.HeadSha);
        Assert.True(payments.PushedAt > pushed);

        async Task<string> EtagAsync(string path)
        {
            using var response = await http.GetAsync(path, Ct);
            response.EnsureSuccessStatusCode();
            return response.Headers.ETag!.ToString();
        }
    }

    [Fact]
    public async Task ReleasesDeploymentsWorkflowsIssues_Deserialize_NewestFirst()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var state = Acme(repo =>
        {
            repo.Releases.Add(new FakeRelease { TagName = "v1.0.0", Name = "First", CreatedAt = now.AddDays(-30), PublishedAt = now.AddDays(-30) });
            repo.Releases.Add(new FakeRelease { TagName = "v1.1.0", CreatedAt = now.AddDays(-2), PublishedAt = now.AddDays(-1), Prerelease = true });
            repo.Deployments.Add(new FakeDeployment { Environment = "staging", CreatedAt = now.AddDays(-3) });
            repo.Deployments.Add(new FakeDeployment { Environment = "production", CreatedAt = now.AddDays(-1), Ref = "v1.1.0" });
            repo.Issues.Add(new FakeIssue { Title = "Broken", State = "open", Labels = { "bug" }, CreatedAt = now, UpdatedAt = now, User = "carol" });
            repo.Issues.Add(new FakeIssue { Title = "Old", State = "closed", Labels = { "bug" }, CreatedAt = now.AddDays(-9), UpdatedAt = now.AddDays(-8) });
        });
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var client = Client(server);

        var releases = await client.Repository.Release.GetAll(Org, "payments");
        var deployments = await client.Repository.Deployment.GetAll(Org, "payments");
        var workflows = await client.Actions.Workflows.List(Org, "payments");
        var bugs = await client.Issue.GetAllForRepository(Org, "payments", new RepositoryIssueRequest { State = ItemStateFilter.All, Labels = { "bug" } });

        Assert.Equal(new (string, string?, bool)[] { ("v1.1.0", null, true), ("v1.0.0", "First", false) }, releases.Select(r => (r.TagName, (string?)r.Name, r.Prerelease)));
        Assert.Equal(now.AddDays(-1), releases[0].PublishedAt);
        Assert.Equal([("production", "v1.1.0", now.AddDays(-1)), ("staging", "main", now.AddDays(-3))], deployments.Select(d => (d.Environment, d.Ref, d.CreatedAt)));
        var workflow = Assert.Single(workflows.Workflows);
        Assert.Equal((1, "CI", ".github/workflows/ci.yml", WorkflowState.Active), (workflows.TotalCount, workflow.Name, workflow.Path, workflow.State.Value));
        Assert.Equal([(1, "Broken", ItemState.Open, "carol"), (2, "Old", ItemState.Closed, "octocat")], bugs.Select(i => (i.Number, i.Title, i.State.Value, i.User.Login)));
        Assert.Equal("bug", Assert.Single(bugs[0].Labels).Name);
    }

    [Fact]
    public async Task TeamsMembersAndUsers_Deserialize_WithParentsRolesAndNames()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        var client = Client(server);

        var teams = await client.Organization.Team.GetAll(Org);
        var platform = teams.Single(t => t.Slug == "platform");
        var payments = await client.Organization.Team.GetByName(Org, "payments");
        var platformMembers = await client.Organization.Team.GetAllMembers(platform.Id);
        var maintainers = await client.Organization.Team.GetAllMembers(payments.Id, new TeamMembersRequest(TeamRoleFilter.Maintainer));
        var orgMembers = await client.Organization.Member.GetAll(Org);
        var alice = await client.User.Get("alice");

        Assert.Equal([("platform", null), ("payments", "platform")], teams.Select(t => (t.Slug, t.Parent?.Slug)));
        Assert.Equal(("Platform", "Runs the platform", TeamPrivacy.Closed), (platform.Name, platform.Description, platform.Privacy.Value));
        Assert.Equal(("Payments", 2), (payments.Name, payments.MembersCount));
        Assert.Equal(["alice", "bob", "carol"], platformMembers.Select(m => m.Login)); // GitHub includes child teams' members
        Assert.Equal(["bob"], maintainers.Select(m => m.Login));
        Assert.Equal(["alice", "bob", "carol"], orgMembers.Select(m => m.Login).Order());
        Assert.Equal(("Alice Example", AccountType.User), (alice.Name, alice.Type!.Value));
    }

    [Fact]
    public async Task BranchAndProtection_ProtectedUnprotectedUnreadable_AnswerLikeGitHub()
    {
        var state = Acme();
        state.Org(Org).AddRepo("open", r => r.SetFile("README.md", "x"));
        state.Org(Org).AddRepo("secret", r => { r.DefaultBranchProtected = true; r.ProtectionReadable = false; });
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var branches = Client(server).Repository.Branch;

        var branch = await branches.Get(Org, "payments", "main");
        var protection = await branches.GetBranchProtection(Org, "payments", "main");

        Assert.True(branch.Protected);
        Assert.Equal(state.Org(Org).Repo("payments").HeadSha, branch.Commit.Sha);
        Assert.Equal(1, protection.RequiredPullRequestReviews.RequiredApprovingReviewCount);
        Assert.True(protection.EnforceAdmins.Enabled);
        var notProtected = await Assert.ThrowsAsync<NotFoundException>(() => branches.GetBranchProtection(Org, "open", "main"));
        Assert.Equal("Branch not protected", notProtected.Message);
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => branches.GetBranchProtection(Org, "secret", "main"));
        Assert.Equal("Resource not accessible by integration", forbidden.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => branches.Get(Org, "payments", "develop"));
    }
}
