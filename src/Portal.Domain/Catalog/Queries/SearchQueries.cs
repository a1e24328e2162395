using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Search across the catalog, grouped by kind: in each kind the record named exactly what was typed first, then names and
/// titles that start with it, then the rest (<see cref="MatchRank"/>); groups ordered by their best match, so "payments"
/// shows the Payments Core team near the top rather than below five services. Paging and ranking happen in the database.
/// </summary>
public sealed partial class SearchQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Longest summary a hit carries.</summary>
    public const int SummaryLength = 160;

    public const int MaxPageSize = 100;

    /// <summary>
    /// The best <paramref name="perKind"/> hits of each kind that matches, with each kind's total; the kind with the best match
    /// first (ties in <see cref="SearchKind"/> order). Empty for blank text.
    /// </summary>
    public async Task<IReadOnlyList<SearchGroupDto>> SearchAsync(string? q, int perKind = 5, CancellationToken ct = default)
    {
        if (NameMatching.Term(q) is not { } term)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = new List<SearchGroupDto>();
        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            var rows = DisplayNameQueries.Records(db, Suggestion(kind), term);
            var hits = await rows.BestFirst().Take(perKind).ToListAsync(ct);
            if (hits.Count == 0)
            {
                continue;
            }

            var total = hits.Count < perKind ? hits.Count : await rows.CountAsync(ct);
            groups.Add(new SearchGroupDto(kind, total, [.. hits.Select(h => Hit(kind, h))]));
        }

        return [.. groups.OrderBy(g => g.BestRank).ThenBy(g => g.Kind)];
    }

    /// <summary>One page (1-based) of every hit of one kind, best first.</summary>
    public async Task<Page<SearchHitDto>> SearchKindAsync(string? q, SearchKind kind, int page = 1, int pageSize = 25, CancellationToken ct = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        if (NameMatching.Term(q) is not { } term)
        {
            return new Page<SearchHitDto>([], 0, page, pageSize);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = DisplayNameQueries.Records(db, Suggestion(kind), term);
        var total = await rows.CountAsync(ct);
        var hits = await rows.BestFirst().Skip(Paging.Offset(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new Page<SearchHitDto>([.. hits.Select(h => Hit(kind, h))], total, page, pageSize);
    }

    /// <summary>How a kind is named in the singular and plural ("service", "services").</summary>
    public static (string One, string Many) Noun(SearchKind kind) => kind switch
    {
        SearchKind.Service => ("service", "services"),
        SearchKind.Team => ("team", "teams"),
        SearchKind.Person => ("person", "people"),
        _ => ("system", "systems"),
    };

    private static SuggestionKind Suggestion(SearchKind kind) => kind switch
    {
        SearchKind.Service => SuggestionKind.Service,
        SearchKind.Team => SuggestionKind.Team,
        SearchKind.Person => SuggestionKind.Person,
        _ => SuggestionKind.System,
    };

    private static SearchHitDto Hit(SearchKind kind, RankedRecord r)
    {
        var route = CatalogQueries.Route(r.Namespace, r.Name);
        var url = kind switch
        {
            SearchKind.Service => "/catalog/" + CatalogQueries.PagePath(r.Namespace, r.Name),
            SearchKind.Team => "/teams/" + CatalogQueries.PagePath(r.Namespace, r.Name),
            SearchKind.Person => "/people/" + route,
            _ => "/catalog?system=" + Uri.EscapeDataString(r.Ref),
        };
        return new SearchHitDto(kind.ToString(), r.Ref, r.DisplayName, url, Summary(r.Description), r.Rank);
    }

    /// <summary>
    /// The start of a description as plain text: descriptions are Markdown, and a one-line summary shows their words, not
    /// their markup (<c>**bold**</c>, <c>`code`</c>, <c>[text](url)</c>, heading marks).
    /// </summary>
    internal static string? Summary(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var plain = MarkdownLink().Replace(description, "$1");
        plain = MarkdownMarks().Replace(plain, "");
        var text = string.Join(' ', plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return TextCut.Shorten(text, SummaryLength);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex MarkdownLink();

    [System.Text.RegularExpressions.GeneratedRegex(@"\*\*|__|`|^\s{0,3}#{1,6}\s+|(?<=\s|^)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,;:!?])", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex MarkdownMarks();
}
