namespace Portal.Domain.OnCall;

/// <summary>
/// Who is on call at one instant. <see cref="PersonName"/> is null when nobody is, and then
/// <see cref="Warning"/> says why. Bounds are null when the stretch has no end in that direction
/// (an empty rotation, or the time before the first hand-off).
/// </summary>
public sealed record OnCallResult(
    string? PersonName,
    DateTimeOffset? ShiftStartUtc,
    DateTimeOffset? ShiftEndUtc,
    bool IsOverride,
    string? Warning);
