using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// The routes of the fake: REST endpoints of GitHub the portal uses, GraphQL for the evidence query, GitHub App
/// installation tokens. Runs under the state's lock; authentication, rate limits, faults, ETags and counting are
/// the server's job (<see cref="FakeGitHubServer"/>).
/// </summary>
internal sealed partial class FakeGitHubApi(FakeGitHubState state)
{
    private readonly FakeGitHubState state = state;

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
