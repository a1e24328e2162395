namespace Portal.Domain.Catalog.Queries;

/// <summary>What search finds, in the order groups appear when they match equally well.</summary>
public enum SearchKind
{
    Service,
    Team,
    Person,
    System,
}
