using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>The fake's issue routes and issue search.</summary>
internal sealed partial class FakeGitHubApi
{
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
}
