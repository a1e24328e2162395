using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>The fake's GitHub App and GraphQL routes.</summary>
internal sealed partial class FakeGitHubApi
{
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
}
