using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A link shown on a service page: runbook, dashboard, docs…</summary>
public sealed record ServiceLink(string Url, string? Title = null, string? Type = null)
{
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DomainValidationException("links", $"'{Url}' is not an http(s) URL");
        }
    }
}
