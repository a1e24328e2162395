using System.Globalization;
using System.Net;
using System.Text.Json;
using Octokit;
using Portal.Domain.Debt;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Reads tech-debt issues: one search per organisation for the open ones (<c>is:issue state:open label:"…" org:…
/// archived:false</c>, 100 per page, oldest first so pages do not shift, in slices of at most 1,000 results, at most
/// <see cref="GitHubOptions.MaxDebtIssuePages"/> pages), or one issue (a webhook named it, or an item's issue left the search). Requests go through the session's client: conditional (ETags in the response cache), polite (timeouts,
/// retries, rate limits). Answers are read field by field, so a malformed result is reported, never half-used.
/// </summary>
public static class DebtIssueReader
{
    private const int PageSize = 100;
    private const string Accept = "application/vnd.github+json";

    /// <summary>GitHub's search answers at most this many results for one query (pages past it are refused).</summary>
    public const int SearchResultCap = 1000;

    /// <summary>
    /// The search query for <paramref name="label"/> in <paramref name="org"/>; with <paramref name="createdFrom"/>, only
    /// issues created at or after it (a later slice of a search with more results than GitHub answers for one query).
    /// </summary>
    public static string Query(string org, string label, DateTimeOffset? createdFrom = null) =>
        $"is:issue state:open label:\"{label}\" org:{org} archived:false"
        + (createdFrom is { } from ? $" created:>={from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" : "");

    /// <summary>
    /// Every open labelled issue of <paramref name="org"/>, oldest first. GitHub answers at most
    /// <see cref="SearchResultCap"/> results for one query, so past them the search goes on in slices: the next query asks
    /// for issues created at or after the last one read (<c>created:&gt;=…</c>), until a slice is read to its end. Issues on
    /// a slice's edge are answered twice and kept once. At most <paramref name="maxPages"/> pages are read in all; a
    /// search stopped by that cap, by more than a slice of issues created in one second, or by GitHub saying its results
    /// are incomplete, is not <see cref="DebtIssueSearch.Complete"/>.
    /// </summary>
    public static async Task<DebtIssueSearch> SearchAsync(GitHubSession gh, string org, string label, int maxPages, CancellationToken ct)
    {
        var issues = new List<MirroredIssue>();
        var problems = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenIds = new HashSet<long>();
        int? total = null;
        var pages = 0;
        var incomplete = false;
        DateTimeOffset? from = null;
        var answered = 0;
        for (var slice = 0; ; slice++)
        {
            var sliceRead = 0;
            var sliceTotal = 0;
            DateTimeOffset? last = null;
            for (var page = 1; page * PageSize <= SearchResultCap; page++)
            {
                if (pages == maxPages)
                {
                    return new DebtIssueSearch(issues, problems, seen, seenIds, total ?? 0, Complete: false) { Slices = slice + 1 };
                }

                ct.ThrowIfCancellationRequested();
                pages++;
                var parameters = new Dictionary<string, string>
                {
                    ["q"] = Query(org, label, from),
                    ["sort"] = "created",
                    ["order"] = "asc",
                    ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
                    ["page"] = page.ToString(CultureInfo.InvariantCulture),
                };
                var response = await gh.Connection.Get<Dictionary<string, object>>(new Uri("search/issues", UriKind.Relative), parameters, Accept, ct);
                using var doc = ParseBody(response.HttpResponse.Body as string, "the tech-debt search");
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array
                    || !root.TryGetProperty("total_count", out var count) || count.ValueKind != JsonValueKind.Number || !count.TryGetInt32(out sliceTotal))
                {
                    throw new GitHubUnavailableException($"GitHub's search answered without items or total_count: {Shorten(root.GetRawText())}");
                }

                total ??= sliceTotal;
                incomplete |= root.TryGetProperty("incomplete_results", out var partial) && partial.ValueKind == JsonValueKind.True;
                foreach (var item in items.EnumerateArray())
                {
                    answered++;
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("created_at", out var created)
                        && created.ValueKind == JsonValueKind.String && created.TryGetDateTimeOffset(out var createdAt) && (last is null || createdAt > last))
                    {
                        last = createdAt;
                    }

                    var result = Parse(item, $"{org}: search result {answered}");
                    if (result.Id is { } known && seenIds.Contains(known))
                    {
                        // On the edge of two slices: already read.
                        continue;
                    }

                    if (result.Url is { } url)
                    {
                        seen.Add(url);
                    }

                    if (result.Id is { } id)
                    {
                        seenIds.Add(id);
                    }

                    if (result.Problem is { } problem)
                    {
                        problems.Add((result.What, problem));
                    }
                    else if (result.Issue is { } foreign && !string.Equals(foreign.Organization, org, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add((result.What, $"the search for {org} answered with an issue of another organisation; it was ignored"));
                    }
                    else if (result.Issue is { } issue)
                    {
                        issues.Add(issue with { FromSearch = true });
                    }
                }

                sliceRead += items.GetArrayLength();
                if (items.GetArrayLength() < PageSize || sliceRead >= sliceTotal)
                {
                    break;
                }
            }

            if (sliceRead >= sliceTotal)
            {
                // This slice was read to its end, and the slices before it hold every issue created earlier.
                return new DebtIssueSearch(issues, problems, seen, seenIds, total ?? 0, !incomplete) { Slices = slice + 1 };
            }

            if (last is not { } next || (from is { } previous && next <= previous))
            {
                // More issues created within one second than one query answers: a later slice cannot start past them.
                return new DebtIssueSearch(issues, problems, seen, seenIds, total ?? 0, Complete: false) { Slices = slice + 1 };
            }

            from = next;
        }
    }

    /// <summary>One issue, as a webhook names it. GitHub follows a transferred issue to its new place (the answer's address says where).</summary>
    public static async Task<DebtIssueLookup> GetAsync(GitHubSession gh, string org, string repository, int number, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        string? body;
        try
        {
            var uri = new Uri($"repos/{Uri.EscapeDataString(org)}/{Uri.EscapeDataString(repository)}/issues/{number.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative);
            var response = await gh.Connection.Get<Dictionary<string, object>>(uri, new Dictionary<string, string>(), Accept, ct);
            body = response.HttpResponse.Body as string;
        }
        catch (NotFoundException)
        {
            return new DebtIssueLookup(null, Gone: true, null);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Gone)
        {
            return new DebtIssueLookup(null, Gone: true, null);
        }

        using var doc = ParseBody(body, $"issue {org}/{repository}#{number}");
        var result = Parse(doc.RootElement, $"{org}/{repository}#{number}");
        return new DebtIssueLookup(result.Issue, Gone: false, result.Problem);
    }

    /// <summary>
    /// One issue of an answer: the issue, a pull request (neither issue nor problem), or a problem naming the first field
    /// that cannot be used. <paramref name="fallback"/> names the result when it does not say which issue it is.
    /// </summary>
    internal static (MirroredIssue? Issue, string? Url, long? Id, string What, string? Problem) Parse(JsonElement e, string fallback)
    {
        try
        {
            return TryParse(e, fallback);
        }
        catch (InvalidOperationException ex)
        {
            // Text that is not valid Unicode (a lone surrogate escape) cannot be read as a string.
            return (null, null, null, fallback, $"holds text that cannot be read ({ex.Message}); the issue was not mirrored into the debt register");
        }
    }

    private static (MirroredIssue? Issue, string? Url, long? Id, string What, string? Problem) TryParse(JsonElement e, string fallback)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, fallback, "is not a JSON object");
        }

        var url = Text(e, "html_url");
        var issueId = e.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.Number && idValue.TryGetInt64(out var idNumber) && idNumber > 0 ? idNumber : (long?)null;
        var number = e.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) && value > 0 ? value : (int?)null;
        var repository = RepositoryOf(Text(e, "repository_url"));
        var what = repository is { } r && number is { } k ? $"{r.Organization}/{r.Name}#{k}" : url ?? fallback;
        if (e.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
        {
            return (null, url, issueId, what, null);
        }

        string? Problem()
        {
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp))
            {
                return "html_url is missing or not a web address";
            }

            if (issueId is null)
            {
                return "id is missing or not a positive whole number";
            }

            if (number is null)
            {
                return "number is missing or not a positive whole number";
            }

            if (repository is null)
            {
                return "repository_url is missing or does not name a repository";
            }

            if (string.IsNullOrWhiteSpace(Text(e, "title")))
            {
                return "title is missing or empty";
            }

            if (Text(e, "state") is not ("open" or "closed"))
            {
                return $"state is '{Text(e, "state")}', not open or closed";
            }

            if (e.TryGetProperty("labels", out var labels) && labels.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            {
                return "labels is not a list";
            }

            if (e.TryGetProperty("body", out var body) && body.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return "body is not text";
            }

            if (e.TryGetProperty("closed_at", out var closed) && closed.ValueKind == JsonValueKind.String && !closed.TryGetDateTimeOffset(out _))
            {
                return $"closed_at '{closed.GetString()}' is not a date";
            }

            if (Text(e, "state") == "closed" && Text(e, "closed_at") is null)
            {
                return "the issue is closed but closed_at is missing";
            }

            // The address becomes the item's link: it must name the same repository and number as the rest of the answer.
            return Portal.Domain.Debt.Commands.DebtMirrorCommands.IssueOf(url) is { } at
                && string.Equals(at.Organization, repository.Value.Organization, StringComparison.OrdinalIgnoreCase)
                && string.Equals(at.Repository, repository.Value.Name, StringComparison.OrdinalIgnoreCase)
                && url.TrimEnd('/').EndsWith($"/{number.Value.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
                ? null
                : $"html_url '{url}' does not name the issue's repository and number";
        }

        if (Problem() is { } problem)
        {
            return (null, url, issueId, what, $"{problem}; the issue was not mirrored into the debt register");
        }

        var closedAt = e.TryGetProperty("closed_at", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var when) ? when.UtcDateTime : (DateTime?)null;
        var names = e.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : Text(l, "name")).OfType<string>().ToList()
            : [];
        var (owner, name) = repository.GetValueOrDefault();
        var issue = new MirroredIssue(
            url!,
            owner,
            name,
            number.GetValueOrDefault(),
            Text(e, "title")!,
            Text(e, "body"),
            Text(e, "state") == "closed",
            Text(e, "state_reason") is "not_planned" or "duplicate",
            closedAt,
            names)
        {
            Id = issueId.GetValueOrDefault(),
            UpdatedAt = e.TryGetProperty("updated_at", out var updated) && updated.ValueKind == JsonValueKind.String && updated.TryGetDateTimeOffset(out var changed) ? changed.UtcDateTime : null,
            AuthorAssociation = Text(e, "author_association"),
            AuthorLogin = e.TryGetProperty("user", out var user) ? Text(user, "login") : null,
        };
        return (issue, url, issueId, what, null);
    }

    /// <summary>Owner and name from <c>…/repos/{owner}/{name}</c>.</summary>
    private static (string Organization, string Name)? RepositoryOf(string? repositoryUrl)
    {
        if (repositoryUrl is null || !Uri.TryCreate(repositoryUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[^3] == "repos" ? (Uri.UnescapeDataString(segments[^2]), Uri.UnescapeDataString(segments[^1])) : null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static JsonDocument ParseBody(string? body, string what)
    {
        try
        {
            return JsonDocument.Parse(body ?? "");
        }
        catch (JsonException ex)
        {
            throw new GitHubUnavailableException($"GitHub's answer to {what} is not JSON: {ex.Message}", ex);
        }
    }

    private static string Shorten(string text) => Portal.Domain.Common.TextCut.Shorten(text, 501);
}
