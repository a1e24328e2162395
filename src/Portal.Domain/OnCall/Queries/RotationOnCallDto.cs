namespace Portal.Domain.OnCall.Queries;

/// <summary>
/// One level of a team's on-call right now: who is on call and until when, who takes over then,
/// and a warning when nobody is (empty rotation, not started yet).
/// </summary>
public sealed record RotationOnCallDto(
    Guid RotationId,
    OnCallLevel Level,
    string RotationName,
    string TimeZoneId,
    OnCallPersonDto? Now,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    bool NowIsOverride,
    OnCallPersonDto? Next,
    DateTimeOffset? NextFrom,
    string? Warning,
    string? ExternalScheduleUrl);
