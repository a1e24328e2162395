namespace Portal.Domain.Reviews.Snapshots;

/// <summary>One owner team in a closed review: its levels and its open debt.</summary>
/// <param name="Ref">The team's reference.</param>
/// <param name="Name">Its display name at the time.</param>
/// <param name="Levels">Its services' levels.</param>
/// <param name="DebtItems">Open debt items affecting its services.</param>
/// <param name="DebtCostOfDelay">Their cost of delay, hours per quarter (an item on several of its services counts once).</param>
public sealed record SnapshotTeam(string Ref, string Name, SnapshotRollup Levels, int DebtItems, double DebtCostOfDelay);
