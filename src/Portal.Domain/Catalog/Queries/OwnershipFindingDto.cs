namespace Portal.Domain.Catalog.Queries;

/// <summary>One ownership problem, in words, with where to fix it.</summary>
public sealed record OwnershipFindingDto(
    OwnershipFindingKind Kind,
    string Subject,
    string SubjectDisplayName,
    string SubjectKind,
    int Tier,
    string Problem,
    string Fix,
    string FixUrl);
