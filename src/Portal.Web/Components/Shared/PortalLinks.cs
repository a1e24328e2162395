using Portal.Domain.Catalog.Queries;

namespace Portal.Web.Components.Shared;

/// <summary>Links to entity pages, in one place so every page builds them the same way.</summary>
public static class PortalLinks
{
    public static string Service(string ns, string name) => "/catalog/" + CatalogQueries.PagePath(ns, name);

    public static string Service(string reference) => "/catalog/" + Escape(reference, withPages: true);

    public static string Team(string ns, string name) => "/teams/" + CatalogQueries.PagePath(ns, name);

    public static string Team(string reference) => "/teams/" + Escape(reference, withPages: true);

    public static string Person(string reference) => "/people/" + Escape(reference);

    public static string Person(string ns, string name) => "/people/" + CatalogQueries.Route(ns, name);

    /// <summary>A service's scorecard, from its reference (<c>name</c> or <c>namespace/name</c>).</summary>
    public static string Scorecard(string reference) => "/scorecards/" + Escape(reference);

    /// <summary>
    /// A reference (<c>name</c> in the default namespace, or <c>namespace/name</c>) as path segments; a name that is also a
    /// page's address (<c>import</c>) keeps its namespace, and, <paramref name="withPages"/> (a section with pages under
    /// each entity), one named like such a page (<c>ns/edit</c>) gets <c>/overview</c>, so the link opens the entity.
    /// </summary>
    private static string Escape(string reference, bool withPages = false)
    {
        var (ns, name) = Portal.Domain.Common.EntityRef.Parse(reference);
        return withPages ? CatalogQueries.PagePath(ns, name) : CatalogQueries.Route(ns, name);
    }
}
