namespace Portal.Domain.Security.Commands;

public sealed record ApiTokenDto(Guid Id, string Name, PortalRole Role, string Hint, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);
