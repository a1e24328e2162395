namespace Portal.Domain.Catalog.Queries;

public sealed record ServiceSummaryDto(
    string Name,
    string Namespace,
    string DisplayName,
    string? Description,
    string Kind,
    int Tier,
    Lifecycle Lifecycle,
    string? Owner,
    string? OwnerDisplayName,
    string? System,
    string? SystemDisplayName,
    IReadOnlyList<string> Tags,
    DateTime UpdatedAt)
{
    /// <summary>The owner's reference or empty: what the catalog grid's Owner column sorts by (in SQL, by owner name).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string OwnerSortKey => Owner ?? "";
}
