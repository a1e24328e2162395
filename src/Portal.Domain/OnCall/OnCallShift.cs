namespace Portal.Domain.OnCall;

/// <summary>
/// One stretch of a schedule: a rotation shift, the part of one left around an override, an
/// override, or a stretch with nobody on call (<see cref="PersonName"/> null, <see cref="Warning"/> set).
/// </summary>
public sealed record OnCallShift(
    string? PersonName,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    bool IsOverride,
    string? Warning)
{
    public TimeSpan Length => EndUtc - StartUtc;
}
