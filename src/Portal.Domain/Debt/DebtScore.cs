namespace Portal.Domain.Debt;

/// <summary>A score with its explanation: the numbers, every factor and its source, and the formula with the values filled in.</summary>
/// <param name="Values">The numbers.</param>
/// <param name="Factors">Each factor in formula order, with its source.</param>
/// <param name="Formula">The formula in symbols.</param>
/// <param name="Calculation">The formula with this item's values, ending in the cost of delay and the priority.</param>
public sealed record DebtScore(DebtScoreValues Values, IReadOnlyList<ScoreFactor> Factors, string Formula, string Calculation)
{
    public double CostOfDelay => Values.CostOfDelay;

    public double Priority => Values.Priority;
}
