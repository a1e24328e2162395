namespace Portal.Domain.Debt;

/// <summary>The numbers of one score: what is stored on the item and sorted on.</summary>
/// <param name="InterestHoursPerMonth">The interest used: the override, or reported hours per month.</param>
/// <param name="InterestCost">interest × 3: hours the interest costs in a quarter.</param>
/// <param name="RiskCost">P(likelihood) × impactHours(impact) × tierWeight × blastFactor: expected hours an incident costs in a quarter.</param>
/// <param name="Urgency">The pay-back-by multiplier, from 1 to the cap.</param>
/// <param name="CostOfDelay">(InterestCost + RiskCost) × Urgency, hours per quarter.</param>
/// <param name="Priority">CostOfDelay ÷ effort: hours saved per engineer-day.</param>
public readonly record struct DebtScoreValues(
    double InterestHoursPerMonth,
    double InterestCost,
    double RiskCost,
    double Urgency,
    double CostOfDelay,
    double Priority);
