using Portal.Domain.Catalog.Queries;

namespace Portal.Web.Components.Shared;

/// <summary>Links to the search page, built in one place like <see cref="PortalLinks"/>.</summary>
public static class SearchLinks
{
    /// <summary>Every kind's best results for <paramref name="q"/>.</summary>
    public static string All(string q) => "/search?q=" + Uri.EscapeDataString(q);

    /// <summary>All results of one kind, a page at a time (page 1 is left out of the address).</summary>
    public static string Kind(string q, SearchKind kind, int page = 1) =>
        All(q) + "&kind=" + kind.ToString().ToLowerInvariant() + (page > 1 ? "&page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
