namespace Portal.Domain.Catalog.Queries;

public sealed record PersonDetailsDto(
    string Name,
    string Namespace,
    string DisplayName,
    string? Email,
    string? GitHubLogin,
    string Role,
    IReadOnlyList<PersonTeamDto> Teams);
