using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>What kind of endpoint a request is for: it decides authentication and how the answer counts.</summary>
internal enum RouteKind
{
    /// <summary>REST with a token; counted and drawn from the core rate limit.</summary>
    Rest,

    /// <summary><c>GET /rate_limit</c>: answered but not counted, as on GitHub.</summary>
    RateLimit,

    /// <summary><c>POST /graphql</c>: counted, but not drawn from the REST limit.</summary>
    GraphQl,

    /// <summary>GitHub App endpoints authenticated by an app JWT; counted, not drawn from the REST limit.</summary>
    App,

    /// <summary>Web pages of the fake host (avatars, raw files): no authentication, not counted.</summary>
    Web,
}

/// <summary>A request as the router sees it: path without the <c>/api/v3</c> prefix, query kept in order.</summary>
internal sealed record FakeApiRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> QueryPairs,
    FakeUrls Urls,
    string? Accept,
    byte[] Body)
{
    public string? Param(string name)
    {
        foreach (var pair in QueryPairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    public bool HasParam(string name) => QueryPairs.Any(p => string.Equals(p.Key, name, StringComparison.Ordinal));
}

/// <summary>
/// The routes of the fake: REST endpoints of GitHub the portal uses, GraphQL for the evidence query, GitHub App
/// installation tokens. Runs under the state's lock; authentication, rate limits, faults, ETags and counting are
/// the server's job (<see cref="FakeGitHubServer"/>).
/// </summary>
internal sealed class FakeGitHubApi(FakeGitHubState state)
{
    private static readonly string[] ApiRoots = ["rate_limit", "graphql", "app", "orgs", "organizations", "teams", "users", "repos", "repositories", "installation", "avatars", "search"];

    public static RouteKind Classify(string method, string path)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return RouteKind.Rest;
        }

        return segments[0] switch
        {
            "rate_limit" when segments.Length == 1 => RouteKind.RateLimit,
            "graphql" when segments.Length == 1 => RouteKind.GraphQl,
            "app" => RouteKind.App,
            "orgs" when segments.Length == 3 && segments[2] == "installation" => RouteKind.App,
            "avatars" => RouteKind.Web,
            _ when segments.Length >= 4 && segments[2] == "raw" && !ApiRoots.Contains(segments[0]) && method == "GET" => RouteKind.Web,
            _ => RouteKind.Rest,
        };
    }

    public static string[] Segments(string path) =>
        path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Answers a request. Call under the state's lock.</summary>
    public FakeResponse Handle(FakeApiRequest request, RouteKind kind)
    {
        var s = Segments(request.Path);
        if (kind == RouteKind.GraphQl)
        {
            return request.Method == "POST" ? GraphQl(request) : FakeResponse.NotFound(Docs.GraphQl);
        }

        if (kind == RouteKind.Web)
        {
            return Web(request, s);
        }

        if (kind == RouteKind.App)
        {
            return App(request, s);
        }

        if (request.Method != "GET")
        {
            return FakeResponse.NotFound();
        }

        if (s.Length == 0)
        {
            return FakeResponse.Json(new JsonObject
            {
                ["current_user_url"] = $"{request.Urls.Api}user",
                ["organization_url"] = $"{request.Urls.Api}orgs/{{org}}",
                ["rate_limit_url"] = $"{request.Urls.Api}rate_limit",
                ["repository_url"] = $"{request.Urls.Api}repos/{{owner}}/{{repo}}",
                ["user_url"] = $"{request.Urls.Api}users/{{user}}",
            });
        }

        return s[0] switch
        {
            "orgs" => Orgs(request, s),
            "organizations" => Organizations(request, s),
            "teams" => LegacyTeams(request, s),
            "users" when s.Length == 2 => User(request, s[1]),
            "repos" or "repositories" => Repos(request, s),
            "search" when s is [_, "issues"] => SearchIssues(request),
            _ => FakeResponse.NotFound(),
        };
    }

    // ---- Organisations, teams, people ------------------------------------------------------------

    private FakeResponse Orgs(FakeApiRequest request, string[] s)
    {
        if (s.Length < 2 || state.FindOrg(s[1]) is not { } org)
        {
            return FakeResponse.NotFound(Docs.Org);
        }

        return s.Length switch
        {
            2 => FakeResponse.Json(GitHubJson.Organization(
                request.Urls,
                org,
                org.ReposCore.Count(r => r.Visibility == "public"),
                org.ReposCore.Count(r => r.Visibility != "public"))),
            3 when s[2] == "repos" => OrgRepos(request, org),
            3 when s[2] == "teams" => Page(request, org.TeamsCore, t => GitHubJson.Team(request.Urls, t, Parent(t), full: false)),
            3 when s[2] == "members" => OrgMembers(request, org),
            _ when s.Length >= 4 && s[2] == "teams" => TeamRoutes(request, org.FindTeam(s[3]), s[4..]),
            _ => FakeResponse.NotFound(),
        };
    }

    /// <summary>GitHub's canonical team URLs: <c>/organizations/{org_id}/team/{team_id}[/members|/teams]</c>.</summary>
    private FakeResponse Organizations(FakeApiRequest request, string[] s)
    {
        if (s.Length < 2 || !long.TryParse(s[1], CultureInfo.InvariantCulture, out var orgId) || state.FindOrg(orgId) is not { } org)
        {
            return FakeResponse.NotFound();
        }

        if (s.Length >= 4 && s[2] == "team" && long.TryParse(s[3], CultureInfo.InvariantCulture, out var teamId))
        {
            return TeamRoutes(request, org.FindTeam(teamId), s[4..]);
        }

        return s.Length == 3 && s[2] == "repos" ? OrgRepos(request, org) : FakeResponse.NotFound();
    }

    /// <summary>The legacy <c>/teams/{id}</c> endpoints Octokit still calls (e.g. <c>Team.GetAllMembers(id)</c>).</summary>
    private FakeResponse LegacyTeams(FakeApiRequest request, string[] s) =>
        s.Length >= 2 && long.TryParse(s[1], CultureInfo.InvariantCulture, out var id)
            ? TeamRoutes(request, state.FindTeam(id), s[2..])
            : FakeResponse.NotFound();

    private FakeResponse TeamRoutes(FakeApiRequest request, FakeTeam? team, string[] rest)
    {
        if (team is null)
        {
            return FakeResponse.NotFound(Docs.Teams);
        }

        return rest switch
        {
            [] => FakeResponse.Json(GitHubJson.Team(request.Urls, team, Parent(team), full: true)),
            ["members"] => TeamMembers(request, team),
            ["teams"] => Page(request, Children(team).ToList(), t => GitHubJson.Team(request.Urls, t, team, full: false)),
            _ => FakeResponse.NotFound(),
        };
    }

    private FakeResponse TeamMembers(FakeApiRequest request, FakeTeam team)
    {
        var role = request.Param("role") ?? "all";
        if (role is not ("all" or "member" or "maintainer"))
        {
            return FakeResponse.Error(422, "Validation Failed", Docs.TeamMembers);
        }

        var members = new List<(string Login, string Role)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(team);
        var users = members
            .Where(m => role == "all" || m.Role == role)
            .Select(m => state.UserCore(m.Login))
            .ToList();
        return Page(request, users, u => GitHubJson.SimpleUser(request.Urls, u));

        void Collect(FakeTeam current)
        {
            foreach (var member in current.OrderedMembersCore())
            {
                if (seen.Add(member.Login))
                {
                    members.Add(member);
                }
            }

            if (state.TeamMembersIncludeChildTeams)
            {
                foreach (var child in Children(current))
                {
                    Collect(child);
                }
            }
        }
    }

    private FakeResponse OrgMembers(FakeApiRequest request, FakeOrg org)
    {
        IReadOnlyList<FakeUser> members = request.Param("role") == "admin" ? [] : org.MembersCore();
        return Page(request, members, u => GitHubJson.SimpleUser(request.Urls, u));
    }

    private FakeResponse User(FakeApiRequest request, string login)
    {
        if (state.User(login) is not { } user)
        {
            return FakeResponse.NotFound(Docs.Users);
        }

        return FakeResponse.Json(GitHubJson.FullUser(request.Urls, user, 0));
    }

    private FakeTeam? Parent(FakeTeam team) => team.ParentSlugCore is { } slug ? team.Org.FindTeam(slug) : null;

    private static IEnumerable<FakeTeam> Children(FakeTeam team) =>
        team.Org.TeamsCore.Where(t => string.Equals(t.ParentSlugCore, team.Slug, StringComparison.OrdinalIgnoreCase));

    // ---- Repositories -----------------------------------------------------------------------------

    private FakeResponse OrgRepos(FakeApiRequest request, FakeOrg org)
    {
        IEnumerable<FakeRepo> repos = org.ReposCore;
        repos = (request.Param("type") ?? "all") switch
        {
            "public" => repos.Where(r => r.Visibility == "public"),
            "private" => repos.Where(r => r.Visibility != "public"),
            "forks" => repos.Where(r => r.Fork),
            "sources" => repos.Where(r => !r.Fork),
            _ => repos,
        };

        // GitHub's defaults: sort=created, direction=desc (asc for full_name).
        var sort = request.Param("sort") ?? "created";
        var descending = (request.Param("direction") ?? (sort == "full_name" ? "asc" : "desc")) == "desc";
        Func<FakeRepo, IComparable> key = sort switch
        {
            "updated" => r => r.UpdatedAt,
            "pushed" => r => r.PushedAt,
            "full_name" => r => r.NameCore.ToLowerInvariant(),
            _ => r => r.CreatedAt,
        };
        var ordered = descending
            ? repos.OrderByDescending(key).ThenByDescending(r => r.Id)
            : repos.OrderBy(key).ThenBy(r => r.Id);
        return Page(request, ordered.ToList(), r => GitHubJson.Repository(request.Urls, r, full: false));
    }

    private FakeResponse Repos(FakeApiRequest request, string[] s)
    {
        FakeRepo? repo;
        int consumed;
        if (s[0] == "repos")
        {
            if (s.Length < 3)
            {
                return FakeResponse.NotFound(Docs.Repo);
            }

            var org = state.FindOrg(s[1]);
            repo = org?.FindRepo(s[2]);
            consumed = 3;
            if (repo is null && org?.RenamedFrom(s[2]) is { } movedTo)
            {
                // GitHub answers a renamed repository's old URL with 301 to /repositories/{id}.
                var rest = string.Join('/', s[3..]);
                var location = $"{request.Urls.Api}repositories/{movedTo}{(rest.Length > 0 ? "/" + rest : string.Empty)}{(request.Query.Length > 0 ? "?" + request.Query : string.Empty)}";
                return MovedPermanently(location);
            }
        }
        else
        {
            repo = s.Length >= 2 && long.TryParse(s[1], CultureInfo.InvariantCulture, out var id) ? state.FindRepo(id) : null;
            consumed = 2;
        }

        if (repo is null)
        {
            return FakeResponse.NotFound(Docs.Repo);
        }

        var u = request.Urls;
        return s[consumed..] switch
        {
            [] => FakeResponse.Json(GitHubJson.Repository(u, repo, full: true)),
            ["topics"] => FakeResponse.Json(new JsonObject { ["names"] = new JsonArray([.. repo.Topics.Select(t => (JsonNode?)t)]) }),
            ["languages"] => FakeResponse.Json(Languages(repo)),
            ["git", "trees", .. var reference] when reference.Length > 0 => Tree(request, repo, string.Join('/', reference)),
            ["git", "blobs", var sha] => Blob(request, repo, sha),
            ["git", "ref" or "refs", "heads", .. var branch] when branch.Length > 0 => Ref(request, repo, string.Join('/', branch)),
            ["contents", .. var path] => Contents(request, repo, string.Join('/', path)),
            ["branches"] => Page<FakeRepo>(request, [repo], r => BranchShort(u, r)),
            ["branches", .. var branch] when branch.Length > 0 => Branch(request, repo, string.Join('/', branch)),
            ["releases"] => Page(request, Releases(repo), r => GitHubJson.Release(u, repo, r, state.UserCore(r.Author))),
            ["releases", "latest"] => Latest(request, repo),
            ["releases", "tags", var tag] => Single(Releases(repo).FirstOrDefault(r => r.TagName == tag), r => GitHubJson.Release(u, repo, r, state.UserCore(r.Author)), Docs.Releases),
            ["deployments"] => Page(request, Deployments(request, repo), d => GitHubJson.Deployment(u, repo, d, state.UserCore(d.Creator))),
            ["actions", "workflows"] => Workflows(request, repo),
            ["issues"] => Issues(request, repo),
            ["issues", var number] when int.TryParse(number, CultureInfo.InvariantCulture, out var n) && repo.TransferredIssues.TryGetValue(n, out var moved)
                && !IssuesNumbered(repo).Any(i => i.Number == n) => Transferred(request, moved.To, moved.Issue),
            ["issues", var number] => Single(
                IssuesNumbered(repo).FirstOrDefault(i => i.Number.ToString(CultureInfo.InvariantCulture) == number),
                i => GitHubJson.Issue(u, repo, i, state.UserCore(i.User)),
                Docs.Issues),
            _ => FakeResponse.NotFound(),
        };
    }

    /// <summary>A transferred issue's old address: 301 to the new issue, as GitHub answers it.</summary>
    private FakeResponse Transferred(FakeApiRequest request, FakeRepo to, FakeIssue issue)
    {
        IssuesNumbered(to);
        return MovedPermanently($"{request.Urls.Api}repositories/{to.Id}/issues/{issue.Number}");
    }

    private static FakeResponse MovedPermanently(string location) =>
        FakeResponse.Json(new JsonObject
        {
            ["message"] = "Moved Permanently",
            ["url"] = location,
            ["documentation_url"] = Docs.Redirect,
        }, 301).WithHeader("Location", location);

    private static JsonObject Languages(FakeRepo repo)
    {
        var json = new JsonObject();
        if (repo.Language is { } language)
        {
            json[language] = Math.Max(1, repo.Snapshot().BlobsByPath.Values.Sum(b => b.Content.Length));
        }

        return json;
    }

    private static bool IsHead(FakeRepo repo, GitSnapshot snapshot, string? reference) =>
        string.IsNullOrEmpty(reference)
        || reference == "HEAD"
        || reference == repo.DefaultBranch
        || reference == $"heads/{repo.DefaultBranch}"
        || reference == $"refs/heads/{repo.DefaultBranch}"
        || reference == snapshot.HeadSha
        || (reference.Length >= 7 && snapshot.HeadSha.StartsWith(reference, StringComparison.OrdinalIgnoreCase));

    private static FakeResponse Tree(FakeApiRequest request, FakeRepo repo, string reference)
    {
        // REVIEW: the fake keeps no history: only the current commit's trees answer, an older sha is 404.
        var snapshot = repo.Snapshot();
        var tree = IsHead(repo, snapshot, reference) ? snapshot.Root : snapshot.TreesBySha.GetValueOrDefault(reference);
        if (tree is null)
        {
            return FakeResponse.NotFound(Docs.Tree);
        }

        // GitHub: "Setting this parameter to any value returns the objects or subtrees"; only its absence is flat.
        return FakeResponse.Json(GitHubJson.Tree(request.Urls, repo, snapshot, tree, request.HasParam("recursive")));
    }

    private static FakeResponse Blob(FakeApiRequest request, FakeRepo repo, string sha) =>
        repo.Snapshot().BlobsBySha.TryGetValue(sha, out var blob)
            ? FakeResponse.Json(GitHubJson.Blob(request.Urls, repo, blob))
            : FakeResponse.NotFound(Docs.Blob);

    private static FakeResponse Ref(FakeApiRequest request, FakeRepo repo, string branch)
    {
        if (branch != repo.DefaultBranch)
        {
            return FakeResponse.NotFound("https://docs.github.com/rest/git/refs#get-a-reference");
        }

        var snapshot = repo.Snapshot();
        var repoUrl = $"{request.Urls.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        return FakeResponse.Json(new JsonObject
        {
            ["ref"] = $"refs/heads/{branch}",
            ["node_id"] = FakeGitHubState.NodeId("Ref", repo.Id),
            ["url"] = $"{repoUrl}/git/refs/heads/{branch}",
            ["object"] = new JsonObject
            {
                ["sha"] = snapshot.HeadSha,
                ["type"] = "commit",
                ["url"] = $"{repoUrl}/git/commits/{snapshot.HeadSha}",
            },
        });
    }

    private static FakeResponse Contents(FakeApiRequest request, FakeRepo repo, string path)
    {
        var snapshot = repo.Snapshot();
        var reference = request.Param("ref");
        if (!IsHead(repo, snapshot, reference))
        {
            return FakeResponse.Error(404, $"No commit found for the ref {reference}", Docs.Contents);
        }

        var refName = string.IsNullOrEmpty(reference) ? repo.DefaultBranch : reference;
        path = path.Trim('/');
        if (snapshot.BlobsByPath.TryGetValue(path, out var blob))
        {
            var accept = request.Accept ?? string.Empty;
            if (accept.Contains("vnd.github.raw", StringComparison.OrdinalIgnoreCase) || accept.Contains("vnd.github.v3.raw", StringComparison.OrdinalIgnoreCase))
            {
                var mediaType = accept.Contains("vnd.github.v3.raw", StringComparison.OrdinalIgnoreCase) ? "application/vnd.github.v3.raw" : "application/vnd.github.raw";
                return new FakeResponse { Body = blob.Content, ContentType = $"{mediaType}; charset=utf-8", Conditional = true }
                    .WithHeader("X-GitHub-Media-Type", "github.v3; param=raw");
            }

            var parent = path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : string.Empty;
            var entry = snapshot.TreesByPath[parent].Entries.Single(e => e.Path == path);
            return FakeResponse.Json(GitHubJson.ContentEntry(request.Urls, repo, refName, entry, blob.Content));
        }

        if (snapshot.TreesByPath.TryGetValue(path, out var tree) && (path.Length > 0 || snapshot.BlobsByPath.Count > 0))
        {
            var entries = new JsonArray([.. tree.Entries.Select(e => (JsonNode)GitHubJson.ContentEntry(request.Urls, repo, refName, e, null))]);
            return FakeResponse.Json(entries);
        }

        return path.Length == 0
            ? FakeResponse.Error(404, "This repository is empty.", Docs.Contents)
            : FakeResponse.NotFound(Docs.Contents);
    }

    private static JsonObject BranchShort(FakeUrls u, FakeRepo repo)
    {
        var snapshot = repo.Snapshot();
        return new JsonObject
        {
            ["name"] = repo.DefaultBranch,
            ["commit"] = new JsonObject
            {
                ["sha"] = snapshot.HeadSha,
                ["url"] = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}/commits/{snapshot.HeadSha}",
            },
            ["protected"] = repo.DefaultBranchProtected,
        };
    }

    private static FakeResponse Branch(FakeApiRequest request, FakeRepo repo, string name)
    {
        if (name == repo.DefaultBranch)
        {
            return FakeResponse.Json(GitHubJson.Branch(request.Urls, repo, repo.Snapshot()));
        }

        if (name == $"{repo.DefaultBranch}/protection")
        {
            if (!repo.ProtectionReadable)
            {
                return FakeResponse.Error(403, "Resource not accessible by integration", Docs.Protection);
            }

            return repo.DefaultBranchProtected
                ? FakeResponse.Json(GitHubJson.Protection(request.Urls, repo))
                : FakeResponse.Error(404, "Branch not protected", Docs.Protection);
        }

        return FakeResponse.Error(404, "Branch not found", Docs.Branch);
    }

    private List<FakeRelease> Releases(FakeRepo repo)
    {
        foreach (var release in repo.Releases.Where(r => r.Id == 0))
        {
            release.Id = state.NextItemId();
        }

        return [.. repo.Releases.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)];
    }

    private FakeResponse Latest(FakeApiRequest request, FakeRepo repo) => Single(
        Releases(repo).Where(r => !r.Draft && !r.Prerelease).OrderByDescending(r => r.PublishedAt ?? r.CreatedAt).FirstOrDefault(),
        r => GitHubJson.Release(request.Urls, repo, r, state.UserCore(r.Author)),
        Docs.Releases);

    private List<FakeDeployment> Deployments(FakeApiRequest request, FakeRepo repo)
    {
        foreach (var deployment in repo.Deployments.Where(d => d.Id == 0))
        {
            deployment.Id = state.NextItemId();
        }

        var environment = request.Param("environment");
        var reference = request.Param("ref");
        return [.. repo.Deployments
            .Where(d => environment is null || d.Environment == environment)
            .Where(d => reference is null || d.Ref == reference)
            .OrderByDescending(d => d.CreatedAt)
            .ThenByDescending(d => d.Id)];
    }

    private static FakeResponse Workflows(FakeApiRequest request, FakeRepo repo)
    {
        var workflows = repo.Snapshot().BlobsByPath.Values
            .Where(b => b.Path.StartsWith(".github/workflows/", StringComparison.Ordinal)
                && b.Path.IndexOf('/', ".github/workflows/".Length) < 0
                && (b.Path.EndsWith(".yml", StringComparison.Ordinal) || b.Path.EndsWith(".yaml", StringComparison.Ordinal)))
            .OrderBy(b => b.Path, StringComparer.Ordinal)
            .ToList();
        return Page(
            request,
            workflows,
            b => GitHubJson.Workflow(request.Urls, repo, 90_000_000 + GitHubJson.StableHash($"{repo.Id}/{b.Path}") % 10_000_000, b.Path, WorkflowName(b)),
            page => new JsonObject { ["total_count"] = workflows.Count, ["workflows"] = page });
    }

    /// <summary>A workflow's top-level <c>name:</c>, or its path when it has none (as GitHub shows it).</summary>
    private static string WorkflowName(GitBlob blob)
    {
        foreach (var line in Encoding.UTF8.GetString(blob.Content).Split('\n'))
        {
            if (line.StartsWith("name:", StringComparison.Ordinal))
            {
                var name = line["name:".Length..].Trim().Trim('"', '\'');
                if (name.Length > 0)
                {
                    return name;
                }
            }
        }

        return blob.Path;
    }

    private List<FakeIssue> IssuesNumbered(FakeRepo repo)
    {
        var next = repo.Issues.Count == 0 ? 1 : repo.Issues.Max(i => i.Number) + 1;
        foreach (var issue in repo.Issues)
        {
            if (issue.Number == 0)
            {
                issue.Number = next++;
            }

            if (issue.Id == 0)
            {
                issue.Id = state.NextItemId();
            }
        }

        return repo.Issues;
    }

    private FakeResponse Issues(FakeApiRequest request, FakeRepo repo)
    {
        var wanted = request.Param("state") ?? "open";
        var labels = (request.Param("labels") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var since = DateTimeOffset.TryParse(request.Param("since"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : (DateTimeOffset?)null;
        var issues = IssuesNumbered(repo)
            .Where(i => wanted == "all" || i.State == wanted)
            .Where(i => labels.All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
            .Where(i => since is null || i.UpdatedAt >= since);
        Func<FakeIssue, DateTimeOffset> key = request.Param("sort") == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
        var ordered = request.Param("direction") == "asc"
            ? issues.OrderBy(key).ThenBy(i => i.Number)
            : issues.OrderByDescending(key).ThenByDescending(i => i.Number);
        return Page(request, ordered.ToList(), i => GitHubJson.Issue(request.Urls, repo, i, state.UserCore(i.User)));
    }

    /// <summary>
    /// <c>GET /search/issues</c>: the qualifiers the portal uses (<c>is:issue</c>/<c>is:pr</c>, <c>label:</c>, <c>org:</c>,
    /// <c>repo:</c>, <c>archived:</c>, <c>state:</c>, <c>created:&gt;=…</c>), <c>sort=created|updated</c> and <c>order</c>,
    /// paged, wrapped as GitHub wraps search results, at most <see cref="FakeGitHubState.SearchResultCap"/> results per
    /// query. Free words are not searched for.
    /// </summary>
    private FakeResponse SearchIssues(FakeApiRequest request)
    {
        var qualifiers = System.Text.RegularExpressions.Regex.Matches(request.Param("q") ?? string.Empty, "([a-z]+):(\"[^\"]*\"|\\S+)")
            .Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value.Trim('"')))
            .ToList();
        string? Only(string name) => qualifiers.Where(q => q.Name == name).Select(q => q.Value).LastOrDefault();
        var labels = qualifiers.Where(q => q.Name == "label").Select(q => q.Value).ToList();
        var found = state.Orgs
            .Where(o => Only("org") is not { } org || string.Equals(o.Login, org, StringComparison.OrdinalIgnoreCase))
            .SelectMany(o => o.ReposCore)
            .Where(r => Only("repo") is not { } full || string.Equals($"{r.OrgLogin}/{r.NameCore}", full, StringComparison.OrdinalIgnoreCase))
            .Where(r => Only("archived") is not { } archived || r.Archived == (archived == "true"))
            .SelectMany(r => IssuesNumbered(r).Select(i => (Repo: r, Issue: i)))
            .Where(x => !x.Issue.HiddenFromSearch)
            .Where(x => Only("is") switch { "issue" => !x.Issue.IsPullRequest, "pr" => x.Issue.IsPullRequest, _ => true })
            .Where(x => Only("state") is not { } wanted || x.Issue.State == wanted)
            .Where(x => labels.All(l => x.Issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
            .Where(x => Only("created") is not { } created || CreatedMatches(created, x.Issue.CreatedAt));
        Func<(FakeRepo Repo, FakeIssue Issue), DateTimeOffset> key = request.Param("sort") == "updated" ? x => x.Issue.UpdatedAt : x => x.Issue.CreatedAt;
        var ordered = (request.Param("order") == "asc"
            ? found.OrderBy(key).ThenBy(x => x.Issue.Id)
            : found.OrderByDescending(key).ThenByDescending(x => x.Issue.Id)).ToList();
        var cap = state.SearchResultCap;
        var perPage = Math.Clamp(Number(request.Param("per_page"), 30), 1, 100);
        if ((Math.Max(1, Number(request.Param("page"), 1)) - 1) * perPage >= cap && ordered.Count > 0)
        {
            return FakeResponse.Error(422, $"Only the first {cap} search results are available", Docs.Rest);
        }

        var total = ordered.Count;
        return Page(
            request,
            ordered.Take(cap).ToList(),
            x =>
            {
                var json = GitHubJson.Issue(request.Urls, x.Repo, x.Issue, state.UserCore(x.Issue.User));
                json["score"] = 1.0;
                return json;
            },
            page => new JsonObject { ["total_count"] = total, ["incomplete_results"] = false, ["items"] = page });
    }

    /// <summary>A <c>created:</c> qualifier's test: <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c> or <c>a..b</c>, dates or ISO 8601 times.</summary>
    private static bool CreatedMatches(string qualifier, DateTimeOffset created)
    {
        static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return qualifier switch
        {
            _ when qualifier.StartsWith(">=", StringComparison.Ordinal) => created >= At(qualifier[2..]),
            _ when qualifier.StartsWith("<=", StringComparison.Ordinal) => created <= At(qualifier[2..]),
            _ when qualifier.StartsWith('>') => created > At(qualifier[1..]),
            _ when qualifier.StartsWith('<') => created < At(qualifier[1..]),
            _ when qualifier.Split("..") is [var from, var to] => created >= At(from) && created <= At(to),
            _ => created.Date == At(qualifier).Date,
        };
    }

    // ---- GitHub App ---------------------------------------------------------------------------------

    private FakeResponse App(FakeApiRequest request, string[] s)
    {
        var app = state.App;
        if (app is null)
        {
            return FakeResponse.NotFound(Docs.Apps);
        }

        // REVIEW: one installation (one id) stands for the app on every organisation; GitHub has one per account.
        var firstOrg = state.Orgs.FirstOrDefault();
        return (request.Method, s) switch
        {
            ("GET", ["app"]) => FakeResponse.Json(GitHubJson.App(request.Urls, app, firstOrg)),
            ("GET", ["app", "installations"]) => Page<FakeOrg>(request, firstOrg is null ? [] : [firstOrg], o => GitHubJson.Installation(request.Urls, app, o)),
            ("GET", ["app", "installations", var id]) when id == app.InstallationId.ToString(CultureInfo.InvariantCulture) && firstOrg is not null =>
                FakeResponse.Json(GitHubJson.Installation(request.Urls, app, firstOrg)),
            ("GET", ["orgs", var login, "installation"]) => state.FindOrg(login) is { } org
                ? FakeResponse.Json(GitHubJson.Installation(request.Urls, app, org))
                : FakeResponse.NotFound(Docs.Apps),
            ("POST", ["app", "installations", var id, "access_tokens"]) when id == app.InstallationId.ToString(CultureInfo.InvariantCulture) =>
                AccessToken(app),
            _ => FakeResponse.NotFound(Docs.AccessTokens),
        };
    }

    private FakeResponse AccessToken(FakeApp app)
    {
        var issued = app.Issue(state.Now());
        var json = new JsonObject
        {
            ["token"] = issued.Token,
            ["expires_at"] = GitHubJson.Date(issued.ExpiresAt),
            ["permissions"] = GitHubJson.InstallationPermissions(),
            ["repository_selection"] = "all",
        };
        return FakeResponse.Json(json, 201);
    }

    // ---- GraphQL -----------------------------------------------------------------------------------

    /// <summary>
    /// The one batched evidence query Portal sends: the query text is not parsed; <c>variables.ids</c> (repository
    /// node ids) decide the answer, with releases and deployments newest first, at most 100 each.
    /// </summary>
    private FakeResponse GraphQl(FakeApiRequest request)
    {
        // REVIEW: any query gets the evidence shape; only Portal's one batched query is supported.
        string[] ids;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (!document.RootElement.TryGetProperty("variables", out var variables)
                || variables.ValueKind != JsonValueKind.Object
                || !variables.TryGetProperty("ids", out var idArray)
                || idArray.ValueKind != JsonValueKind.Array)
            {
                return FakeResponse.Json(new JsonObject
                {
                    ["errors"] = new JsonArray(new JsonObject { ["message"] = "Variable $ids of type [ID!]! was provided invalid value" }),
                });
            }

            ids = [.. idArray.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
        }
        catch (JsonException)
        {
            return FakeResponse.Error(400, "Problems parsing JSON", Docs.GraphQl);
        }

        var nodes = new JsonArray();
        var errors = new JsonArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var repo = state.FindRepoByNodeId(ids[i]);
            if (repo is null)
            {
                nodes.Add(null);
                errors.Add(new JsonObject
                {
                    ["type"] = "NOT_FOUND",
                    ["path"] = new JsonArray("nodes", i),
                    ["locations"] = new JsonArray(new JsonObject { ["line"] = 2, ["column"] = 3 }),
                    ["message"] = $"Could not resolve to a node with the global id of '{ids[i]}'",
                });
                continue;
            }

            nodes.Add(GraphQlRepository(repo, i, errors));
        }

        var body = new JsonObject { ["data"] = new JsonObject { ["nodes"] = nodes } };
        if (errors.Count > 0)
        {
            body["errors"] = errors;
        }

        return FakeResponse.Json(body);
    }

    private JsonObject GraphQlRepository(FakeRepo repo, int index, JsonArray errors)
    {
        var releases = Releases(repo);
        var deployments = repo.Deployments.OrderByDescending(d => d.CreatedAt).ToList();
        JsonNode? rule = null;
        if (repo.DefaultBranchProtected && repo.ProtectionReadable)
        {
            rule = new JsonObject
            {
                ["id"] = FakeGitHubState.NodeId("BranchProtectionRule", repo.Id),
                ["requiresApprovingReviews"] = true,
                ["requiredApprovingReviewCount"] = 1,
            };
        }
        else if (repo.DefaultBranchProtected)
        {
            errors.Add(new JsonObject
            {
                ["type"] = "FORBIDDEN",
                ["path"] = new JsonArray("nodes", index, "defaultBranchRef", "branchProtectionRule"),
                ["message"] = "Resource not accessible by integration",
            });
        }

        return new JsonObject
        {
            ["id"] = repo.NodeId,
            ["nameWithOwner"] = $"{repo.OrgLogin}/{repo.NameCore}",
            ["releases"] = new JsonObject
            {
                ["totalCount"] = releases.Count,
                ["nodes"] = new JsonArray([.. releases.Take(100).Select(r => (JsonNode)new JsonObject
                {
                    ["createdAt"] = GitHubJson.Date(r.CreatedAt),
                    ["tagName"] = r.TagName,
                })]),
            },
            ["deployments"] = new JsonObject
            {
                ["totalCount"] = deployments.Count,
                ["nodes"] = new JsonArray([.. deployments.Take(100).Select(d => (JsonNode)new JsonObject
                {
                    ["createdAt"] = GitHubJson.Date(d.CreatedAt),
                    ["environment"] = d.Environment,
                })]),
            },
            ["defaultBranchRef"] = new JsonObject
            {
                ["name"] = repo.DefaultBranch,
                ["branchProtectionRule"] = rule,
            },
        };
    }

    // ---- Web pages of the host ------------------------------------------------------------------------

    private FakeResponse Web(FakeApiRequest request, string[] s)
    {
        if (s[0] == "avatars")
        {
            // A tiny grey square: enough for an <img> in end-to-end tests, and nothing leaves the machine.
            const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#8b949e"/></svg>""";
            return new FakeResponse { Body = Encoding.UTF8.GetBytes(Svg), ContentType = "image/svg+xml" };
        }

        // /{owner}/{repo}/raw/{ref}/{path}: the download_url of a file.
        var repo = state.FindOrg(s[0])?.FindRepo(s[1]);
        if (repo is null)
        {
            return new FakeResponse { Status = 404, Body = Encoding.UTF8.GetBytes("404: Not Found"), ContentType = "text/plain; charset=utf-8" };
        }

        var snapshot = repo.Snapshot();
        var path = string.Join('/', s[4..]);
        return IsHead(repo, snapshot, s[3]) && snapshot.BlobsByPath.TryGetValue(path, out var blob)
            ? new FakeResponse { Body = blob.Content, ContentType = "text/plain; charset=utf-8" }
            : new FakeResponse { Status = 404, Body = Encoding.UTF8.GetBytes("404: Not Found"), ContentType = "text/plain; charset=utf-8" };
    }

    // ---- Helpers -----------------------------------------------------------------------------------------

    private static FakeResponse Single<T>(T? item, Func<T, JsonNode> render, string documentationUrl)
        where T : class =>
        item is null ? FakeResponse.NotFound(documentationUrl) : FakeResponse.Json(render(item));

    /// <summary>
    /// One page of a list: <c>per_page</c> (default 30, at most 100) and <c>page</c>, with GitHub's <c>Link</c>
    /// header (prev, next, last, first) on the address and prefix the request used.
    /// </summary>
    private static FakeResponse Page<T>(FakeApiRequest request, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<JsonArray, JsonNode>? wrap = null)
    {
        var perPage = Math.Clamp(Number(request.Param("per_page"), 30), 1, 100);
        var page = Math.Max(1, Number(request.Param("page"), 1));
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var array = new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(render)]);
        var response = FakeResponse.Json(wrap is null ? array : wrap(array));

        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{PageUrl(request, page - 1)}>; rel=\"prev\"");
        }

        if (page < last)
        {
            links.Add($"<{PageUrl(request, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(request, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{PageUrl(request, 1)}>; rel=\"first\"");
        }

        return links.Count == 0 ? response : response.WithHeader("Link", string.Join(", ", links));
    }

    private static string PageUrl(FakeApiRequest request, int page)
    {
        var kept = request.Query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.Ordinal) && p != "page");
        var query = string.Join('&', kept.Append($"page={page.ToString(CultureInfo.InvariantCulture)}"));
        return $"{request.Urls.Api}{request.Path.TrimStart('/')}?{query}";
    }

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
