using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>An earlier review's action item and what became of it.</summary>
/// <param name="Item">The item, with its status as known on the later side.</param>
/// <param name="Outcome">Done, done late, missed, dropped or still open.</param>
/// <param name="TargetMet">For an item with a target level: services on the later side meeting it; null without a target.</param>
/// <param name="TargetServices">Services the target applies to on the later side.</param>
public sealed record ActionItemResult(SnapshotActionItem Item, ActionOutcome Outcome, int? TargetMet, int TargetServices);
