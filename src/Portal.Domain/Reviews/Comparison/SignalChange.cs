using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>One signal across the whole of both sides.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Before">Services per level on the earlier side.</param>
/// <param name="After">Services per level on the later side.</param>
/// <param name="Improved">Services on both sides whose level on it rose.</param>
/// <param name="Regressed">Services on both sides whose level on it fell.</param>
/// <param name="NewGaps">Criteria of this signal that became gaps, over all services.</param>
/// <param name="ClosedGaps">Criteria of this signal that stopped being gaps.</param>
public sealed record SignalChange(ScalingSignal Signal, LevelDistribution Before, LevelDistribution After, int Improved, int Regressed, int NewGaps, int ClosedGaps);
