namespace Portal.Domain.Debt.Queries;

/// <summary>One team's debt capacity for one quarter: the figures that apply and what they add up to.</summary>
/// <param name="TeamId">The team's id.</param>
/// <param name="Team">The team's reference (<c>payments-core</c>, or <c>ns/name</c> outside the default namespace).</param>
/// <param name="TeamName">The team's display name.</param>
/// <param name="Quarter">The quarter, as <c>2027-Q1</c>.</param>
/// <param name="DefaultWorkingDays">Weekdays in the quarter: what a new setting starts from.</param>
/// <param name="Setting">The figures that apply (set for the quarter or carried forward); null when never set.</param>
/// <param name="Numbers">Capacity, budget, planned, done, gap and unaddressed cost of delay.</param>
/// <param name="OpenCostOfDelay">Hours per quarter of all the team's open items.</param>
public sealed record TeamCapacityPlan(
    Guid TeamId, string Team, string TeamName, string Quarter, int DefaultWorkingDays, CapacitySetting? Setting, CapacityNumbers Numbers, double OpenCostOfDelay)
{
    /// <summary>The debt share that applies: the team's setting, or the default 20%.</summary>
    public double DebtSharePercent => Setting?.DebtSharePercent ?? TeamCapacity.DefaultDebtSharePercent;
}
