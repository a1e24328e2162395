namespace Portal.Domain.Debt.Queries;

/// <summary>What a filtered view of the register adds up to.</summary>
/// <param name="Items">How many items match.</param>
/// <param name="CostOfDelay">Σ cost of delay, hours per quarter.</param>
/// <param name="EffortDays">Σ effort, engineer-days.</param>
public sealed record DebtTotals(int Items, double CostOfDelay, double EffortDays);
