using Portal.Domain.Catalog.Queries;

namespace Portal.Domain.OnCall.Queries;

/// <summary>A rotation in which a person is on call now or soon, with their shifts in the window.</summary>
public sealed record PersonOnCallDto(
    TeamRefDto Team,
    Guid RotationId,
    OnCallLevel Level,
    string RotationName,
    bool IsOnCallNow,
    IReadOnlyList<ShiftDto> Shifts);
