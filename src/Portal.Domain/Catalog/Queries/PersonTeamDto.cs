namespace Portal.Domain.Catalog.Queries;

public sealed record PersonTeamDto(string Name, string Namespace, string DisplayName, MembershipRole Role);
