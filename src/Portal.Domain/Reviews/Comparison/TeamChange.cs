using Portal.Domain.Scorecards.Queries;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>One owner team across both sides (services counted under the team that owned them on each side).</summary>
/// <param name="Team">Reference.</param>
/// <param name="Name">Display name (later side's when it has one).</param>
/// <param name="Before">Overall levels of its services on the earlier side.</param>
/// <param name="After">Overall levels of its services on the later side.</param>
/// <param name="Improved">Its services (on the later side) that improved.</param>
/// <param name="Regressed">Its services that regressed (or moved both ways).</param>
/// <param name="NewGaps">New gaps on its services.</param>
/// <param name="ClosedGaps">Closed gaps on its services.</param>
/// <param name="SignalSteps">Per signal (in signal order): levels gained minus levels lost over its services present on both sides.</param>
public sealed record TeamChange(
    string Team, string Name, LevelDistribution Before, LevelDistribution After, int Improved, int Regressed, int NewGaps, int ClosedGaps, int[] SignalSteps);
