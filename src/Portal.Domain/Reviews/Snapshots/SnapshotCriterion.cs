using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>A criterion as it was worded when the review closed.</summary>
public sealed record SnapshotCriterion(string Key, ScalingSignal Signal, ScoreLevel Level, CriterionMode Mode, string Title);
