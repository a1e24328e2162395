namespace Portal.Domain.Catalog.Queries;

public sealed record TeamDetailsDto(
    Guid Id,
    string Name,
    string Namespace,
    string DisplayName,
    string? Description,
    string Type,
    string? ContactChannel,
    string? Email,
    TeamRefDto? Parent,
    IReadOnlyList<TeamRefDto> SubTeams,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<ServiceSummaryDto> Services,
    bool IsGone,
    int Version);
