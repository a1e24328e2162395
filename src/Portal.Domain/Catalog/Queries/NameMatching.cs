using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Finds catalog records by what a person typed and ranks them in the database (<see cref="MatchRank"/>), so the record whose
/// name is exactly the text comes first, then names and titles that start with it, then the rest; ties by display name.
/// One ranking for every picker and for search, so "ledger" + Enter means the same everywhere.
/// </summary>
internal static class NameMatching
{
    /// <summary>Records whose search text contains <paramref name="term"/> (lower-cased and trimmed by the caller), with their rank.</summary>
    public static IQueryable<RankedRecord> Matching<T>(IQueryable<T> source, string term)
        where T : CatalogEntity
    {
        var pattern = SearchPattern.Contains(term);
        var afterDash = "-" + term;
        var afterDot = "." + term;
        var afterSpace = " " + term;
        return source.AsNoTracking()
            .Where(x => EF.Functions.Like(x.SearchText, pattern, SearchPattern.Escape))
            .Select(x => new RankedRecord
            {
                Namespace = x.Namespace,
                Name = x.Name,
                Title = x.Title,
                Description = x.Description,
                Rank = x.Name.ToLower() == term || (x.Title != null && x.Title.ToLower() == term) ? MatchRank.Exact
                    : x.Name.ToLower().StartsWith(term) || (x.Title != null && x.Title.ToLower().StartsWith(term)) ? MatchRank.Prefix
                    : x.Name.ToLower().Contains(afterDash) || x.Name.ToLower().Contains(afterDot) || (x.Title != null && x.Title.ToLower().Contains(afterSpace)) ? MatchRank.WordPrefix
                    : x.Name.ToLower().Contains(term) || (x.Title != null && x.Title.ToLower().Contains(term)) ? MatchRank.InName
                    : MatchRank.Elsewhere,
            });
    }

    /// <summary>Every record, unranked, for a picker opened before anything is typed.</summary>
    public static IQueryable<RankedRecord> All<T>(IQueryable<T> source)
        where T : CatalogEntity =>
        source.AsNoTracking().Select(x => new RankedRecord { Namespace = x.Namespace, Name = x.Name, Title = x.Title, Description = x.Description, Rank = MatchRank.Elsewhere });

    /// <summary>Best first: by rank, then alphabetically by the name people see.</summary>
    public static IQueryable<RankedRecord> BestFirst(this IQueryable<RankedRecord> rows) =>
        rows.OrderBy(r => r.Rank).ThenBy(r => (r.Title ?? r.Name).ToLower()).ThenBy(r => r.Namespace).ThenBy(r => r.Name);

    /// <summary>The lower-cased, trimmed text to match, or null when nothing was typed.</summary>
    public static string? Term(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();
}
