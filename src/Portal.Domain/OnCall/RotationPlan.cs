namespace Portal.Domain.OnCall;

/// <summary>
/// A rotation as plain data, so scheduling is computed without a database or a clock. Shift
/// <c>k</c> starts at <see cref="HandoffTime"/> local time on <see cref="StartDate"/> +
/// <c>k * ShiftLengthDays</c> in <see cref="TimeZoneId"/> and belongs to
/// <c>Participants[k mod count]</c>.
/// </summary>
/// <param name="Participants">Person references (<c>name</c> or <c>ns/name</c>) in rotation order; may repeat.</param>
/// <param name="ShiftLengthDays">1 to 28 local days; a week is 7.</param>
/// <param name="HandoffTime">Local wall-clock time at which one shift ends and the next begins.</param>
/// <param name="TimeZoneId">IANA zone, e.g. <c>Europe/Berlin</c>.</param>
/// <param name="StartDate">Local date of the first hand-off.</param>
public sealed record RotationPlan(
    IReadOnlyList<string> Participants,
    int ShiftLengthDays,
    TimeOnly HandoffTime,
    string TimeZoneId,
    DateOnly StartDate);
