namespace Portal.Domain.Catalog.Queries;

public sealed record TeamSummaryDto(
    string Name,
    string Namespace,
    string DisplayName,
    string? Description,
    string? Parent,
    string? ParentDisplayName,
    int Members,
    int Services,
    bool IsGone);
