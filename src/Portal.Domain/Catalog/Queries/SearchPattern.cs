namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Builds the LIKE pattern for "contains" search. LIKE (rather than string.Contains, which PostgreSQL
/// runs as strpos) lets a trigram index answer it; the user's own % and _ are escaped.
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Contains(string term) =>
        "%" + term.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
