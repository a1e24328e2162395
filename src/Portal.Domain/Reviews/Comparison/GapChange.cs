using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>
/// A criterion of one service that became a gap (met or not there before; failing or unknown now) or stopped
/// being one.
/// </summary>
/// <param name="Criterion">The criterion's key.</param>
/// <param name="Title">Its wording on the later side (the earlier one when it was retired).</param>
/// <param name="Signal">Its signal.</param>
/// <param name="Level">Its level.</param>
/// <param name="Before">Its status on the earlier side; null when the criterion was not evaluated then.</param>
/// <param name="After">Its status on the later side; null when no longer evaluated.</param>
public sealed record GapChange(string Criterion, string Title, ScalingSignal Signal, ScoreLevel Level, CriterionStatus? Before, CriterionStatus? After);
