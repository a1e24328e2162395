namespace Portal.Domain.Catalog.Queries;

/// <summary>What a filter box suggests.</summary>
public enum SuggestionKind
{
    Team,
    System,
    Kind,
    Tag,
    Person,

    /// <summary>Service refs (<c>name</c>, or <c>namespace/name</c> outside the default namespace).</summary>
    Service,
}
