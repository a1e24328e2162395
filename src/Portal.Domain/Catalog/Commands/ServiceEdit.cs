namespace Portal.Domain.Catalog.Commands;

/// <summary>What an owner may change on a service page or through the API.</summary>
public sealed record ServiceEdit(
    string? Title,
    string? Description,
    string? Kind,
    int Tier,
    Lifecycle Lifecycle,
    string? OwnerTeam,
    string? System,
    string? RepositoryUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ServiceLink> Links);
