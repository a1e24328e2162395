using Portal.Domain.Catalog.Queries;

namespace Portal.Web.Components.Shared;

/// <summary>Links to entity pages, in one place so every page builds them the same way.</summary>
public static class PortalLinks
{
    public static string Service(string ns, string name) => "/catalog/" + CatalogQueries.Route(ns, name);

    public static string Service(string reference) => "/catalog/" + Escape(reference);

    public static string Team(string ns, string name) => "/teams/" + CatalogQueries.Route(ns, name);

    public static string Team(string reference) => "/teams/" + Escape(reference);

    public static string Person(string reference) => "/people/" + Escape(reference);

    private static string Escape(string reference) =>
        string.Join('/', reference.Split('/').Select(Uri.EscapeDataString));
}
