using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Octokit;
using Portal.Ingest.Backstage;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.FakeGitHub;

/// <summary>GitHub App tokens, the GraphQL evidence query, recorded shapes and the generator.</summary>
public sealed partial class FakeGitHubServerTests
{
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
}
