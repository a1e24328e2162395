using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>A debt item as a review saw it.</summary>
/// <param name="Id">The item's id (its page may have moved on since).</param>
/// <param name="Title">Its title then.</param>
/// <param name="Signal">Its signal.</param>
/// <param name="Status">Its status then.</param>
/// <param name="CostOfDelay">Hours per quarter.</param>
/// <param name="Priority">Cost of delay per engineer-day.</param>
/// <param name="EffortDays">Engineer-days to pay it down.</param>
/// <param name="Team">The accountable team's display name; null when none.</param>
/// <param name="Services">Affected services, by reference.</param>
public sealed record SnapshotDebtItem(
    Guid Id, string Title, ScalingSignal Signal, DebtStatus Status, double CostOfDelay, double Priority, double EffortDays, string? Team, IReadOnlyList<string> Services);
