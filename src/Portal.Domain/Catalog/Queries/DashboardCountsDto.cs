namespace Portal.Domain.Catalog.Queries;

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
