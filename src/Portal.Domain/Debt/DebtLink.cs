using System.Text.RegularExpressions;
using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>A link from a debt item to where it is discussed or shows up: an issue, an incident, a graph finding.</summary>
/// <param name="Kind">What the link points at.</param>
/// <param name="Url">
/// An absolute http(s) URL, or a Portal path under one of <see cref="LocalSections"/> (graph findings, services, teams):
/// <c>/graph/analysis?kind=cycle</c>. Anything a browser could read as another host (<c>//host</c>, <c>/\host</c>) is refused.
/// </param>
/// <param name="Title">What to show instead of the URL; optional.</param>
public sealed record DebtLink(DebtLinkKind Kind, string Url, string? Title = null)
{
    public const int MaxUrlLength = 500;
    public const int MaxTitleLength = 200;

    /// <summary>The Portal sections a relative link may point into.</summary>
    public static readonly IReadOnlyList<string> LocalSections =
        ["graph", "services", "teams", "debt", "ownership", "reviews", "scorecards", "catalog", "people", "search"];

    // One known section, then path segments of URL-safe characters (no backslash, no empty segment), then a query or
    // fragment of URL-safe characters.
    private static readonly Regex LocalPath = new(
        "^/(" + string.Join('|', LocalSections) + @")(/[A-Za-z0-9\-._~%:@!$&'()*+,;=]+)*/?([?#][A-Za-z0-9\-._~%:@!$&'()*+,;=/?#]*)?$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromMilliseconds(100));

    /// <summary>True for an absolute http(s) URL with a host, or a Portal path this link may point at.</summary>
    public static bool IsAcceptable(string url) =>
        url.StartsWith('/')
            ? LocalPath.IsMatch(url)
            : Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && !string.IsNullOrEmpty(uri.Host) && !url.Contains('\\', StringComparison.Ordinal);

    /// <summary>Throws <see cref="DomainValidationException"/> naming <c>links</c> when the URL or title is not acceptable.</summary>
    public DebtLink Validated()
    {
        var url = Url?.Trim() ?? "";
        if (url.Length == 0)
        {
            throw new DomainValidationException("links", "a link needs a URL");
        }

        if (url.Length > MaxUrlLength)
        {
            throw new DomainValidationException("links", $"'{TextCut.Prefix(url, 40)}…' is longer than {MaxUrlLength} characters");
        }

        if (!IsAcceptable(url))
        {
            throw new DomainValidationException("links", $"'{url}' is not an http(s) URL or a Portal path (like /graph/analysis?kind=cycle)");
        }

        var title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
        if (title is { Length: > MaxTitleLength })
        {
            throw new DomainValidationException("links", $"a link title is longer than {MaxTitleLength} characters");
        }

        return this with { Url = url, Title = title };
    }
}
