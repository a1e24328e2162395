namespace Portal.Domain.Catalog.Queries;

/// <summary>A person's page: who they are, how to reach them, their teams; <see cref="Version"/> for an edit of their contact details.</summary>
public sealed record PersonDetailsDto(
    string Name,
    string Namespace,
    string DisplayName,
    string? Email,
    string? GitHubLogin,
    string Role,
    IReadOnlyList<PersonTeamDto> Teams,
    string? Phone = null,
    int Version = 0);
