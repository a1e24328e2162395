namespace Portal.Domain.Catalog;

/// <summary>Backstage's common lifecycle values.</summary>
public enum Lifecycle
{
    Experimental,
    Production,
    Deprecated,
}
