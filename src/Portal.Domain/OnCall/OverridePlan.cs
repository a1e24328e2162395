namespace Portal.Domain.OnCall;

/// <summary>A person covering <c>[StartUtc, EndUtc)</c> instead of whoever the rotation names.</summary>
public sealed record OverridePlan(string PersonName, DateTimeOffset StartUtc, DateTimeOffset EndUtc);
