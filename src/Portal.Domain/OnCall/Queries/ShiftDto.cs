namespace Portal.Domain.OnCall.Queries;

/// <summary>One stretch of a schedule; <see cref="Person"/> is null when nobody is on call and <see cref="Warning"/> says why.</summary>
public sealed record ShiftDto(
    OnCallLevel Level,
    string RotationName,
    OnCallPersonDto? Person,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    bool IsOverride,
    string? Warning);
