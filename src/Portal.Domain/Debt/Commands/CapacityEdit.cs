namespace Portal.Domain.Debt.Commands;

/// <summary>The figures a person enters for a team's quarter.</summary>
/// <param name="People">People on the team; fractions for part-time people.</param>
/// <param name="WorkingDays">Working days each person has in the quarter.</param>
/// <param name="DebtSharePercent">Percentage of capacity reserved for debt (0–100).</param>
/// <param name="Mode">A share of every sprint, or dedicated debt sprints.</param>
public sealed record CapacityEdit(double People, int WorkingDays, double DebtSharePercent, DebtAllocationMode Mode);
