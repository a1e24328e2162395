namespace Portal.Domain.Auditing.Queries;

public sealed record AuditEntryDto(long Id, DateTime At, string Actor, string Action, string EntityType, string EntityKey, string? Before, string? After, string? CorrelationId, bool Succeeded);
