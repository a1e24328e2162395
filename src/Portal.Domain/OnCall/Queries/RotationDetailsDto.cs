namespace Portal.Domain.OnCall.Queries;

/// <summary>A rotation as the edit page shows it.</summary>
public sealed record RotationDetailsDto(
    Guid Id,
    OnCallLevel Level,
    string Name,
    int ShiftLengthDays,
    TimeOnly HandoffTime,
    string TimeZoneId,
    DateOnly StartDate,
    IReadOnlyList<OnCallPersonDto> Participants,
    ExternalScheduleProvider ExternalScheduleProvider,
    string? ExternalScheduleId,
    IReadOnlyList<OverrideDto> Overrides,
    int Version)
{
    /// <summary>The rotation with its participants in order and its overrides by start; both must be loaded.</summary>
    public static RotationDetailsDto From(OnCallRotation r) => new(
        r.Id,
        r.Level,
        r.Name,
        r.ShiftLengthDays,
        r.HandoffTime,
        r.TimeZoneId,
        r.StartDate,
        [.. r.Participants.OrderBy(p => p.Position).Select(p => OnCallPersonDto.From(p.Person))],
        r.ExternalScheduleProvider,
        r.ExternalScheduleId,
        [.. r.Overrides.OrderBy(o => o.StartUtc).Select(o => OverrideDto.From(o, o.Person))],
        r.Version);
}
