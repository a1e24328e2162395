namespace Portal.Domain.OnCall.Commands;

/// <summary>A rotation's settings as a form or the API sends them.</summary>
public sealed record RotationEdit(
    string Name,
    int ShiftLength,
    ShiftUnit ShiftUnit,
    TimeOnly HandoffTime,
    string TimeZoneId,
    DateOnly StartDate,
    IReadOnlyList<string> Participants,
    ExternalScheduleProvider ExternalScheduleProvider,
    string? ExternalScheduleId);
