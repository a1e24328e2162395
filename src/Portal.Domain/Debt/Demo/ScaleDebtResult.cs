
namespace Portal.Domain.Debt.Demo;

/// <summary>What <see cref="ScaleDebtSeeder"/> wrote.</summary>
/// <param name="Items">Debt items added.</param>
/// <param name="Open">Of them, how many are open (not Done, not Won't fix).</param>
/// <param name="Written">Wall time of writing the items, scores not included.</param>
/// <param name="Scored">Wall time of recomputing every item's score afterwards (what a change of the scoring tables costs).</param>
/// <param name="ScoredItems">Items whose numbers the recompute wrote.</param>
public sealed record ScaleDebtResult(int Items, int Open, TimeSpan Written, TimeSpan Scored, int ScoredItems);
