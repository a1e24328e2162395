using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>The fake's repository routes: trees, blobs, refs, contents, branches, releases, deployments, workflows.</summary>
internal sealed partial class FakeGitHubApi
{
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
}
