using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>An open debt item (not Done, not Won't fix) with its current score, as roll-ups and reviews read it.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Signal">Its signal.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="CostOfDelay">Hours per quarter.</param>
/// <param name="Priority">Cost of delay per engineer-day.</param>
/// <param name="EffortDays">Engineer-days to pay it down.</param>
/// <param name="OwnerTeam">The accountable team's display name; null when none.</param>
/// <param name="ServiceIds">Every service it affects.</param>
public sealed record OpenDebtItem(
    Guid Id, string Title, ScalingSignal Signal, DebtStatus Status, double CostOfDelay, double Priority, double EffortDays, string? OwnerTeam, IReadOnlyList<Guid> ServiceIds);
