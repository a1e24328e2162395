using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>A link from a debt item to where it is discussed or shows up: an issue, an incident, a graph finding.</summary>
/// <param name="Kind">What the link points at.</param>
/// <param name="Url">An absolute http(s) URL, or a Portal path starting with <c>/</c> (graph findings).</param>
/// <param name="Title">What to show instead of the URL; optional.</param>
public sealed record DebtLink(DebtLinkKind Kind, string Url, string? Title = null)
{
    public const int MaxUrlLength = 500;
    public const int MaxTitleLength = 200;

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
            throw new DomainValidationException("links", $"'{url[..40]}…' is longer than {MaxUrlLength} characters");
        }

        var local = url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);
        if (!local && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new DomainValidationException("links", $"'{url}' is not an http(s) URL or a Portal path");
        }

        var title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
        if (title is { Length: > MaxTitleLength })
        {
            throw new DomainValidationException("links", $"a link title is longer than {MaxTitleLength} characters");
        }

        return this with { Url = url, Title = title };
    }
}
