namespace Portal.Domain.Catalog;

/// <summary>How much a caller needs the dependency to serve its own requests.</summary>
public enum Criticality
{
    Low,
    Medium,
    High,
}
