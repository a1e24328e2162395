using Portal.Domain.Queries;

namespace Portal.Domain.OnCall;

/// <summary>A person as on-call views show them.</summary>
public sealed record OnCallPersonDto(string Name, string Namespace, string DisplayName);

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

/// <summary>A team's on-call at one instant, primary level first.</summary>
public sealed record TeamOnCallDto(TeamRefDto Team, IReadOnlyList<RotationOnCallDto> Levels);

/// <summary>One stretch of a schedule; <see cref="Person"/> is null when nobody is on call and <see cref="Warning"/> says why.</summary>
public sealed record ShiftDto(
    OnCallLevel Level,
    string RotationName,
    OnCallPersonDto? Person,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    bool IsOverride,
    string? Warning);

/// <summary>A rotation in which a person is on call now or soon, with their shifts in the window.</summary>
public sealed record PersonOnCallDto(
    TeamRefDto Team,
    Guid RotationId,
    OnCallLevel Level,
    string RotationName,
    bool IsOnCallNow,
    IReadOnlyList<ShiftDto> Shifts);
