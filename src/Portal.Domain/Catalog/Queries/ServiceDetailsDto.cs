namespace Portal.Domain.Catalog.Queries;

public sealed record ServiceDetailsDto(
    Guid Id,
    string Name,
    string Namespace,
    string? Title,
    string DisplayName,
    string? Description,
    string Kind,
    int Tier,
    Lifecycle Lifecycle,
    TeamRefDto? Owner,
    Guid? OwnerTeamId,
    TeamRefDto? OnCallTeam,
    string? OwnerRef,
    string? OwnerContact,
    string? System,
    string? SystemDisplayName,
    string? Domain,
    string? DomainDisplayName,
    string? RepositoryUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<LinkDto> Links,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<string> ProvidesApis,
    IReadOnlyList<string> ConsumesApis,
    IReadOnlyList<DependencyDto> Dependencies,
    IReadOnlyList<ServiceSummaryDto> Dependents,
    string Source,
    string? SourceLocation,
    bool IsOrphaned,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Who is on call for the service now; filled by callers that ask for it (the API does).</summary>
    public Portal.Domain.OnCall.Queries.TeamOnCallDto? OnCall { get; init; }

    /// <summary>References the service's source wrote that are not in the catalog yet (system, dependencies, APIs), by field.</summary>
    public IReadOnlyList<WaitingReferenceDto> Waiting { get; init; } = [];
}
