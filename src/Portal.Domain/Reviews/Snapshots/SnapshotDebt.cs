namespace Portal.Domain.Reviews.Snapshots;

/// <summary>Open technical debt touching a review's scope when it closed.</summary>
/// <param name="OpenItems">Open items (not Done, not Won't fix) affecting a service in scope.</param>
/// <param name="CostOfDelay">Their summed cost of delay, hours per quarter.</param>
/// <param name="CostBySignal">Cost of delay per signal, in signal order.</param>
/// <param name="Top">The items with the highest cost of delay, highest first.</param>
public sealed record SnapshotDebt(int OpenItems, double CostOfDelay, double[] CostBySignal, IReadOnlyList<SnapshotDebtItem> Top)
{
    public static SnapshotDebt None { get; } = new(0, 0, new double[7], []);
}
