namespace Portal.Domain.Debt;

/// <summary>
/// The capacity figures that apply to a team in a quarter: set for that quarter, or carried forward from the latest
/// earlier quarter that has them (<see cref="SetIn"/> says which).
/// </summary>
/// <param name="People">People on the team; fractions for part-time people.</param>
/// <param name="WorkingDays">Working days each person has in the quarter.</param>
/// <param name="DebtSharePercent">Percentage of capacity reserved for paying down debt.</param>
/// <param name="Mode">A share of every sprint, or dedicated debt sprints.</param>
/// <param name="SetIn">The quarter the figures were entered for, as <c>2027-Q1</c>.</param>
/// <param name="Version">The row's version, for a concurrency-checked change; null when carried forward.</param>
/// <param name="UpdatedBy">Who last changed the row.</param>
public sealed record CapacitySetting(double People, int WorkingDays, double DebtSharePercent, DebtAllocationMode Mode, string SetIn, int? Version, string UpdatedBy)
{
    /// <summary>True when these figures were entered for an earlier quarter and apply here until someone sets this one.</summary>
    public bool IsCarriedForward => Version is null;
}
