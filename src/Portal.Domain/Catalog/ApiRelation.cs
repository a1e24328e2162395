namespace Portal.Domain.Catalog;

/// <summary>Whether a service provides or consumes an API.</summary>
public enum ApiRelation
{
    Provides,
    Consumes,
}
