using Portal.Domain.Catalog;

namespace Portal.Domain.Queries;

/// <summary>Filters, sort and page for the services list; every part is applied in SQL.</summary>
public sealed record ServiceQuery
{
    public const int MaxPageSize = 200;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;

    public string? Q { get; init; }

    public string? Owner { get; init; }

    public int? Tier { get; init; }

    public Lifecycle? Lifecycle { get; init; }

    public string? System { get; init; }

    public string? Kind { get; init; }

    public string? Tag { get; init; }

    /// <summary>name, title, tier, lifecycle, kind, owner, system or updated.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }
}

public sealed record TeamRefDto(string Name, string Namespace, string DisplayName);

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

public sealed record LinkDto(string Url, string? Title, string? Type);

public sealed record DependencyDto(
    string Target,
    string TargetKind,
    string TargetDisplayName,
    InteractionKind Interaction,
    int? TimeoutMs,
    int? Retries,
    bool? Fallback,
    ResourceAccess? Access)
{
    public bool? Backoff { get; init; }

    public bool? CircuitBreaker { get; init; }

    public bool? Bulkhead { get; init; }
}

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
    public Portal.Domain.OnCall.TeamOnCallDto? OnCall { get; init; }
}

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

public sealed record MemberDto(string Name, string DisplayName, string? Email, MembershipRole Role);

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

public sealed record DashboardCountsDto(
    int Services,
    int Teams,
    int People,
    int Systems,
    int Resources,
    int Apis,
    int Dependencies,
    int ServicesWithoutOwner,
    int Tier1Services,
    int DeprecatedServices);

public sealed record SearchHitDto(string Kind, string Name, string DisplayName, string Url);

public sealed record PersonTeamDto(string Name, string Namespace, string DisplayName, MembershipRole Role);

public sealed record PersonDetailsDto(
    string Name,
    string Namespace,
    string DisplayName,
    string? Email,
    string? GitHubLogin,
    string Role,
    IReadOnlyList<PersonTeamDto> Teams);
