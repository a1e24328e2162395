using Portal.Domain.Signals;

namespace Portal.Domain.Debt;

/// <summary>The parts of one debt item that capacity planning reads.</summary>
/// <param name="EffortDays">Engineer-days to pay it down.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="TargetQuarter">The quarter it is planned for (<c>2027-Q1</c>), if any.</param>
/// <param name="DoneAt">UTC instant it became Done, if it is.</param>
/// <param name="CostOfDelay">Hours per quarter that waiting costs.</param>
/// <param name="Signal">Its signal, for the heat map.</param>
public sealed record CapacityItem(double EffortDays, DebtStatus Status, string? TargetQuarter, DateTime? DoneAt, double CostOfDelay, ScalingSignal Signal);
