namespace Portal.Domain.Catalog.Queries;

public sealed record MemberDto(string Name, string DisplayName, string? Email, MembershipRole Role);
