using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>
/// The columns of one register row, as a page query projects them: no description, links or search text, and the owner
/// team's four columns rather than the whole team. The affected services come separately (<see cref="DebtRegisterService"/>).
/// </summary>
internal sealed record DebtRegisterRow(
    Guid Id,
    string Title,
    DebtStatus Status,
    ScalingSignal Signal,
    DebtKind Kind,
    DebtQuadrant Quadrant,
    int Likelihood,
    int Impact,
    double EffortDays,
    double? InterestOverride,
    double InterestHoursPerMonth,
    double CostOfDelay,
    double Priority,
    DateOnly? PayBackBy,
    string? TargetQuarter,
    string? TeamNamespace,
    string? TeamName,
    string? TeamTitle,
    DataSource Source,
    string? ExternalUrl,
    int Version,
    DateTime UpdatedAt,
    DateOnly? RevisitOn,
    DateTime? ScoredAt);
