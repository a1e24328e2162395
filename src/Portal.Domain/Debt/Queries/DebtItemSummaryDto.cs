using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>One row of the register, with its cost of delay, priority and their explanation.</summary>
public sealed record DebtItemSummaryDto(
    Guid Id,
    string Title,
    DebtStatus Status,
    ScalingSignal Signal,
    DebtKind Kind,
    DebtQuadrant Quadrant,
    int Likelihood,
    int Impact,
    double EffortDays,
    double InterestHoursPerMonth,
    double CostOfDelay,
    double Priority,
    DateOnly? PayBackBy,
    string? TargetQuarter,
    DebtTeamDto? Owner,
    IReadOnlyList<DebtServiceDto> Services,
    DataSource Source,
    string? ExternalUrl,
    int Version,
    DateTime UpdatedAt,
    DebtScore? Score)
{
    /// <summary>For Won't fix: when to look at the decision again.</summary>
    public DateOnly? RevisitOn { get; init; }

    /// <summary>When the stored cost of delay and priority were computed (UTC).</summary>
    public DateTime? ScoredAt { get; init; }

    /// <summary>True for a Won't-fix decision whose look-again date is today or past, given today.</summary>
    public bool IsLookAgainDue(DateOnly today) => Status == DebtStatus.WontFix && RevisitOn is { } r && r <= today;
}
