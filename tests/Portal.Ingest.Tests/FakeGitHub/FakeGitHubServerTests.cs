using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;
using Portal.Ingest.Backstage;
using Portal.Testing;
using Portal.Testing.FakeGitHub;
using ProductHeaderValue = Octokit.ProductHeaderValue;

namespace Portal.Ingest.Tests.FakeGitHub;

/// <summary>
/// The fake GitHub as Octokit 14 sees it: every shape Portal's sync reads deserializes with the expected values,
/// and pagination, ETags, rate limits, faults and the GitHub App flow behave as on api.github.com.
/// </summary>
public sealed class FakeGitHubServerTests
{
    private const string Org = "acme";
    private const string Token = "fake-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An organisation with one well-known repository, two teams and a few people.</summary>
    private static FakeGitHubState Acme(Action<FakeRepo>? configure = null)
    {
        var state = new FakeGitHubState();
        state.ValidTokens.Add(Token);
        var org = state.AddOrg(Org);
        org.AddTeam("platform", name: "Platform", description: "Runs the platform");
        org.AddTeam("payments", parentSlug: "platform", name: "Payments");
        org.Team("platform").AddMember("alice", "maintainer");
        org.Team("payments").AddMember("bob", "maintainer");
        org.Team("payments").AddMember("carol");
        state.AddUser("alice", "Alice Example");
        org.AddRepo("payments", repo =>
        {
            repo.Description = "Takes the money";
            repo.Language = "C#";
            repo.Topics.AddRange(["pci", "tier-1"]);
            repo.DefaultBranchProtected = true;
            repo.CreatedAt = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
            repo.PushedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
            repo.SetFile("README.md", "hello world\n");
            repo.SetFile(".github/workflows/ci.yml", "name: CI\n");
            repo.SetFile(".github/CODEOWNERS", "* @acme/team-payments\n");
            configure?.Invoke(repo);
        });
        return state;
    }

    /// <summary>Octokit as the brief sets it up: a <see cref="Connection"/> on the base address (no api/v3 prefix).</summary>
    private static GitHubClient Client(FakeGitHubServer server, string token = Token) =>
        new(new Connection(new ProductHeaderValue("portal-tests"), server.BaseUrl, new InMemoryCredentialStore(new Credentials(token))));

    /// <summary>Octokit as GitHub Enterprise users set it up: it puts <c>api/v3/</c> in front of every path.</summary>
    private static GitHubClient EnterpriseClient(FakeGitHubServer server, Credentials? credentials = null) =>
        new(new ProductHeaderValue("portal-tests"), new InMemoryCredentialStore(credentials ?? new Credentials(Token)), server.BaseUrl);

    private static HttpClient Http(FakeGitHubServer server, string? token = Token)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("portal-tests");
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        }

        return http;
    }

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

    [Fact]
    public async Task IfNoneMatch_CurrentETag_Answers304NotCountedUntilTheDataChanges()
    {
        var state = Acme();
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);

        using var first = await http.GetAsync("repos/acme/payments", Ct);
        var firstBody = await first.Content.ReadAsByteArrayAsync(Ct);
        using var again = await http.GetAsync("repos/acme/payments", Ct);
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "repos/acme/payments") { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await http.SendAsync(conditional, Ct);
        var remainingAfter304 = state.RateLimit.Remaining;
        state.Org(Org).Repo("payments").Description = "Takes more money";
        using var changedRequest = new HttpRequestMessage(HttpMethod.Get, "repos/acme/payments") { Headers = { IfNoneMatch = { etag } } };
        using var changed = await http.SendAsync(changedRequest, Ct);

        Assert.True(etag.IsWeak);
        Assert.Matches("^W/\"[0-9a-f]{32}\"$", etag.ToString());
        Assert.Equal(firstBody, await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("4998", Assert.Single(notModified.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.Equal(4998, remainingAfter304);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal((3, 1), (server.CountedRequests, server.NotModifiedResponses));
        Assert.Equal([true, true, false, true], server.Requests.Select(r => r.Counted));
    }

    [Fact]
    public async Task OctokitResponseCache_SecondGet_ServedBy304()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        var connection = new Connection(new ProductHeaderValue("portal-tests"), server.BaseUrl, new InMemoryCredentialStore(new Credentials(Token)))
        {
            ResponseCache = new MemoryResponseCache(),
        };
        var client = new GitHubClient(connection);

        var first = await client.Repository.Get(Org, "payments");
        var second = await client.Repository.Get(Org, "payments");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal([200, 304], server.Requests.Select(r => r.Status));
        Assert.Equal((1, 1), (server.CountedRequests, server.NotModifiedResponses));
    }

    [Fact]
    public async Task EveryAnswer_CarriesRateLimitHeaders_AndRateLimitEndpointIsFree()
    {
        var state = Acme();
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);

        using var missing = await http.GetAsync("repos/acme/nothing", Ct);
        var limits = await Client(server).RateLimit.GetRateLimits();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\"}", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["5000", "4999", "1", "core"], new[] { "Limit", "Remaining", "Used", "Resource" }.Select(h => missing.Headers.GetValues($"X-RateLimit-{h}").Single()));
        Assert.Equal(state.RateLimit.ResetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), missing.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal((5000, 4999), (limits.Resources.Core.Limit, limits.Resources.Core.Remaining));
        Assert.Equal(1, server.CountedRequests);
        Assert.Equal(4999, state.RateLimit.Remaining);
    }

    [Fact]
    public async Task BadOrMissingToken_Answers401_OctokitAuthorizationException()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        using var anonymous = Http(server, token: null);

        var error = await Assert.ThrowsAsync<AuthorizationException>(() => Client(server, "wrong").Repository.Get(Org, "payments"));
        using var missing = await anonymous.GetAsync("repos/acme/payments", Ct);

        Assert.Equal("Bad credentials", error.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(2, server.CountedRequests);
    }

    [Fact]
    public async Task RateLimitExhausted_Answers403UntilReset_ThenRefills()
    {
        var state = Acme();
        state.RateLimit.Remaining = 0;
        state.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddMinutes(30);
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var client = Client(server);

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.Repository.Get(Org, "payments"));
        state.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        var repo = await client.Repository.Get(Org, "payments");

        Assert.Equal((5000, 0), (error.Limit, error.Remaining));
        Assert.Equal("payments", repo.Name);
        Assert.Equal(4999, state.RateLimit.Remaining);
        Assert.True(state.RateLimit.ResetAt > DateTimeOffset.UtcNow.AddMinutes(59));
    }

    [Fact]
    public async Task SecondaryRateLimit_Answers403WithRetryAfter_ThenRecovers()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.SecondaryRateLimit("^/repos/acme/payments$", count: 2, retryAfterSeconds: 42);
        using var http = Http(server);

        using var limited = await http.GetAsync("api/v3/repos/acme/payments", Ct);
        await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() => Client(server).Repository.Get(Org, "payments"));
        using var recovered = await http.GetAsync("repos/acme/payments", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), limited.Headers.RetryAfter!.Delta);
        Assert.Contains("secondary rate limit", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task ServerErrors_NextMatchingRequestsOnly_AnswerTheConfiguredStatus()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.ServerErrors("/contents/", count: 2, status: 503);
        var client = Client(server);

        var first = await Assert.ThrowsAsync<ApiException>(() => client.Repository.Content.GetAllContents(Org, "payments", "README.md"));
        var other = await client.Repository.Get(Org, "payments");
        var second = await Assert.ThrowsAsync<ApiException>(() => client.Repository.Content.GetAllContents(Org, "payments", "README.md"));
        var third = await client.Repository.Content.GetAllContents(Org, "payments", "README.md");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first.StatusCode, second.StatusCode));
        Assert.Equal("payments", other.Name);
        Assert.Single(third);
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal([503, 200, 503, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Timeouts_DelayTheAnswer_AndAClientThatGivesUpIsRecordedAs499()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.Timeouts("^/orgs/acme$", count: 1, delay: TimeSpan.FromMilliseconds(300));
        server.Faults.Timeouts("^/repos/", count: 1, delay: TimeSpan.FromSeconds(30));
        using var http = Http(server);
        using var impatient = Http(server);
        impatient.Timeout = TimeSpan.FromMilliseconds(200);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var slow = await http.GetAsync("orgs/acme", Ct);
        var elapsed = watch.Elapsed;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.GetAsync("repos/acme/payments", Ct));

        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {elapsed}");
        var abandoned = await EventuallyAsync(() => server.Requests.FirstOrDefault(r => r.Status == 499));
        Assert.Equal(("/repos/acme/payments", false), (abandoned.Path, abandoned.Counted));
    }

    [Fact]
    public async Task GitHubApp_JwtGetsInstallationAndToken_TokenWorksUntilItExpires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var state = Acme();
        state.Clock = clock;
        state.App = FakeApp.Create(appId: 4242, installationId: 77);
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var app = EnterpriseClient(server, new Credentials(state.App.CreateJwt(clock.GetUtcNow()), AuthenticationType.Bearer));

        var installation = await app.GitHubApps.GetOrganizationInstallationForCurrent(Org);
        var token = await app.GitHubApps.CreateInstallationToken(installation.Id);
        var repo = await EnterpriseClient(server, new Credentials(token.Token)).Repository.Get(Org, "payments");
        clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await Assert.ThrowsAsync<AuthorizationException>(() => EnterpriseClient(server, new Credentials(token.Token)).Repository.Get(Org, "payments"));

        Assert.Equal((77L, 4242L, "acme"), (installation.Id, installation.AppId, installation.Account.Login));
        Assert.StartsWith("ghs_", token.Token, StringComparison.Ordinal);
        Assert.Equal(clock.Start.AddHours(1), token.ExpiresAt, TimeSpan.FromSeconds(1));
        Assert.Equal("payments", repo.Name);
        Assert.Equal(token.Token, Assert.Single(state.App.IssuedTokens).Token);
        Assert.Equal("Bad credentials", expired.Message);
    }

    [Fact]
    public async Task GitHubApp_JwtSignedByAnotherKeyOrExpired_Answers401()
    {
        var state = Acme();
        state.App = FakeApp.Create(appId: 4242);
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var stranger = FakeApp.Create(appId: 4242);
        var now = DateTimeOffset.UtcNow;

        var forged = await Assert.ThrowsAsync<AuthorizationException>(() =>
            EnterpriseClient(server, new Credentials(stranger.CreateJwt(now), AuthenticationType.Bearer)).GitHubApps.GetOrganizationInstallationForCurrent(Org));
        var stale = await Assert.ThrowsAsync<AuthorizationException>(() =>
            EnterpriseClient(server, new Credentials(state.App.CreateJwt(now.AddMinutes(-20)), AuthenticationType.Bearer)).GitHubApps.CreateInstallationToken(state.App.InstallationId));
        var patOnAppRoute = await Assert.ThrowsAsync<AuthorizationException>(() => EnterpriseClient(server).GitHubApps.GetOrganizationInstallationForCurrent(Org));

        Assert.Equal("A JSON web token could not be decoded", forged.Message);
        Assert.StartsWith("'Expiration time' claim ('exp')", stale.Message, StringComparison.Ordinal);
        Assert.Equal("A JSON web token could not be decoded", patOnAppRoute.Message);
        Assert.Empty(state.App.IssuedTokens);
    }

    [Fact]
    public async Task GraphQl_EvidenceQuery_AnswersNodesByIdNewestFirstAndNullForUnknownIds()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var state = Acme(repo =>
        {
            repo.Releases.Add(new FakeRelease { TagName = "v1", CreatedAt = now.AddDays(-10) });
            repo.Releases.Add(new FakeRelease { TagName = "v2", CreatedAt = now.AddDays(-1) });
            repo.Deployments.Add(new FakeDeployment { Environment = "production", CreatedAt = now.AddDays(-5) });
        });
        state.Org(Org).AddRepo("quiet");
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);
        var ids = new[] { state.Org(Org).Repo("payments").NodeId, "R_unknown", state.Org(Org).Repo("quiet").NodeId };
        var request = JsonSerializer.Serialize(new { query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables = new { ids } });

        using var response = await http.PostAsync("api/graphql", new StringContent(request, Encoding.UTF8, "application/json"), Ct);
        var nodes = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["data"]!["nodes"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("acme/payments", 2, "v2"), ((string)nodes[0]!["nameWithOwner"]!, (int)nodes[0]!["releases"]!["totalCount"]!, (string)nodes[0]!["releases"]!["nodes"]![0]!["tagName"]!));
        Assert.Equal(("production", "2025-05-27T12:00:00Z"), ((string)nodes[0]!["deployments"]!["nodes"]![0]!["environment"]!, (string)nodes[0]!["deployments"]!["nodes"]![0]!["createdAt"]!));
        Assert.Equal(1, (int)nodes[0]!["defaultBranchRef"]!["branchProtectionRule"]!["requiredApprovingReviewCount"]!);
        Assert.Null(nodes[1]);
        Assert.Null(nodes[2]!["defaultBranchRef"]!["branchProtectionRule"]);
        Assert.Equal(("/graphql", true), (server.Requests.Single().Path, server.Requests.Single().Counted));
        Assert.Equal(5000, state.RateLimit.Remaining);
    }

    [Fact]
    public async Task Shapes_CarryEveryFieldOfTheRecordedGitHubResponses()
    {
        var state = Acme(repo =>
        {
            repo.Releases.Add(new FakeRelease { TagName = "v1.0.0", Name = "Version 1.0.0", Body = "Initial release" });
            repo.Issues.Add(new FakeIssue { Title = "Test issue" });
        });
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);
        var fixtures = TestData.OctokitFixtures;

        async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await http.GetStringAsync(path, Ct))!;
        static JsonNode Recorded(string file, string method, string pathEnd, string fixtures) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, file)))!.AsArray()
                .First(x => (string)x!["method"]! == method && ((string)x["path"]!).EndsWith(pathEnd, StringComparison.Ordinal))!["response"]!;

        var missing = new List<string>();
        MissingKeys(Recorded("get-repository.json", "get", "/hello-world", fixtures), await GetAsync("repos/acme/payments"), "repository", missing);
        MissingKeys(Recorded("get-organization.json", "get", "/octokit-fixture-org", fixtures), await GetAsync("orgs/acme"), "organization", missing);
        MissingKeys(Recorded("get-content.json", "get", "/contents/", fixtures), await GetAsync("repos/acme/payments/contents/"), "contents", missing);
        MissingKeys(Recorded("paginate-issues.json", "get", "issues?per_page=3", fixtures), await GetAsync("repos/acme/payments/issues"), "issues", missing);
        MissingKeys(Recorded("release-assets.json", "get", "/releases/tags/v1.0.0", fixtures), await GetAsync("repos/acme/payments/releases/tags/v1.0.0"), "release", missing);
        var protection = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "branch-protection.json")))!.AsArray()
            .Select(x => x!["response"]).OfType<JsonObject>().Last(r => r.ContainsKey("restrictions")).DeepClone().AsObject();
        var team = protection["restrictions"]!["teams"]![0]!.DeepClone();
        protection.Remove("restrictions"); // only for branches restricted to people or teams
        protection["required_pull_request_reviews"]!.AsObject().Remove("dismissal_restrictions");
        MissingKeys(protection, await GetAsync("repos/acme/payments/branches/main/protection"), "protection", missing);
        MissingKeys(team, (await GetAsync("orgs/acme/teams"))[0]!, "team", missing);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Generate_SameSeed_SameRealisticOrganisationWithValidCatalogFiles()
    {
        var now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var state = FakeGitHubState.Generate("acme", 400, seed: 7, now);
        var again = FakeGitHubState.Generate("acme", 400, seed: 7, now);
        var repos = state.Org("acme").Repos;
        var teams = state.Org("acme").Teams;

        Assert.Equal(Describe(state), Describe(again));
        Assert.Contains("fake-token", state.ValidTokens);
        Assert.Equal(400, repos.Count);
        Assert.Matches("^(svc|api|web|worker|lib|tool)-[a-z]+-[0-9]{3}$", repos[41].Name);
        Assert.Equal(50, teams.Count);
        Assert.Contains(teams, t => t.ParentSlug is not null);
        Assert.All(teams, t => Assert.InRange(t.Members.Count, 3, 8));
        Assert.InRange(Share(r => r.Files.ContainsKey("catalog-info.yaml")), 0.62, 0.78);
        Assert.InRange(Share(r => r.Files.ContainsKey(".github/CODEOWNERS")), 0.14, 0.26);
        Assert.InRange(Share(r => r.Files.ContainsKey(".github/workflows/ci.yml")), 0.52, 0.68);
        Assert.InRange(Share(r => r.DefaultBranchProtected), 0.42, 0.58);
        Assert.InRange(Share(r => r.Archived), 0.02, 0.09);
        Assert.InRange(Share(r => r.Fork), 0.005, 0.06);
        Assert.All(repos.SelectMany(r => r.Releases.Select(x => x.CreatedAt).Concat(r.Deployments.Select(d => d.CreatedAt))), d => Assert.InRange(d, now.AddDays(-181), now));

        var slugs = teams.Select(t => t.Slug).ToHashSet();
        var catalog = repos.Where(r => r.Files.ContainsKey("catalog-info.yaml")).ToList();
        var read = BackstageCatalogReader.Read([.. catalog.Select(r => new CatalogFile($"{r.Name}/catalog-info.yaml", r.Files["catalog-info.yaml"]))]);
        Assert.DoesNotContain(read.Problems, p => p.Severity == ProblemSeverity.Error);
        var components = read.Entities.OfType<BackstageComponent>().ToList();
        Assert.Equal(catalog.Select(r => r.Name).Order(), components.Select(c => c.Key.Name).Order());
        Assert.All(components, c => Assert.Contains(c.Owner!.Name, slugs));
        Assert.Contains(components, c => c.DependsOn.Count > 0);

        double Share(Func<FakeRepo, bool> predicate) => repos.Count(predicate) / (double)repos.Count;

        static string Describe(FakeGitHubState s) => string.Join('\n', s.Org("acme").Repos.Select(r =>
            $"{r.Id} {r.Name} {r.Description} {r.Language} {string.Join(',', r.Topics)} {r.Archived} {r.Fork} {r.PushedAt:O} {r.HeadSha} "
            + $"{r.Releases.Count} {r.Deployments.Count} {string.Join(',', r.Files.Select(f => f.Key + f.Value.Length))}")
            .Concat(s.Org("acme").Teams.Select(t => $"{t.Slug} {t.ParentSlug} {string.Join(',', t.Members.Keys.Order())}")));
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20, Ct);
        }

        throw new TimeoutException("The condition did not become true within two seconds.");
    }

    /// <summary>Every object key of <paramref name="recorded"/> (recursively; arrays by their first item) must be in <paramref name="actual"/>.</summary>
    private static void MissingKeys(JsonNode? recorded, JsonNode? actual, string path, List<string> missing)
    {
        switch (recorded)
        {
            case JsonObject recordedObject when actual is JsonObject actualObject:
                foreach (var (key, value) in recordedObject)
                {
                    if (!actualObject.ContainsKey(key))
                    {
                        missing.Add($"{path}.{key}");
                    }
                    else
                    {
                        MissingKeys(value, actualObject[key], $"{path}.{key}", missing);
                    }
                }

                break;
            case JsonArray { Count: > 0 } recordedArray when actual is JsonArray { Count: > 0 } actualArray:
                MissingKeys(recordedArray[0], actualArray[0], $"{path}[0]", missing);
                break;
            case JsonObject:
                if (actual is not null)
                {
                    missing.Add($"{path} (not an object)");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A clock a test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Start { get; } = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>Octokit's conditional-request cache, in memory.</summary>
    private sealed class MemoryResponseCache : IResponseCache
    {
        private readonly Dictionary<string, CachedResponse.V1> _entries = [];

        public Task<CachedResponse.V1> GetAsync(IRequest request)
        {
            lock (_entries)
            {
                return Task.FromResult(_entries.GetValueOrDefault(request.Endpoint.ToString())!);
            }
        }

        public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
        {
            lock (_entries)
            {
                _entries[request.Endpoint.ToString()] = cachedResponse;
            }

            return Task.CompletedTask;
        }
    }
}
