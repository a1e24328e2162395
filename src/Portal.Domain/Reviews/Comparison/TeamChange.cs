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
    string Team, string Name, LevelDistribution Before, LevelDistribution After, int Improved, int Regressed, int NewGaps, int ClosedGaps, int[] SignalSteps)
{
    /// <summary>
    /// Nothing to report for the team: no service improved or regressed, no gap opened or closed, no signal level moved,
    /// and the same number of services at each overall level (the printed report counts these teams instead of listing them).
    /// </summary>
    public bool IsUnchanged() =>
        Improved == 0 && Regressed == 0 && NewGaps == 0 && ClosedGaps == 0 && Before == After && SignalSteps.All(step => step == 0);
}
