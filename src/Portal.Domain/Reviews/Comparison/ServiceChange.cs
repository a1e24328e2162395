using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>What changed for one service between two sides; only services where something did are listed.</summary>
/// <param name="Service">Reference.</param>
/// <param name="DisplayName">Its name on the later side (earlier when removed).</param>
/// <param name="Team">Owner team's reference on the later side (earlier when removed).</param>
/// <param name="TeamName">Owner team's display name.</param>
/// <param name="Direction">How its levels moved.</param>
/// <param name="OverallBefore">Overall level before; null when added.</param>
/// <param name="OverallAfter">Overall level after; null when removed.</param>
/// <param name="LevelsBefore">Signal levels before as digits; empty when added.</param>
/// <param name="LevelsAfter">Signal levels after as digits; empty when removed.</param>
/// <param name="NewGaps">Criteria that became gaps.</param>
/// <param name="ClosedGaps">Criteria that stopped being gaps.</param>
public sealed record ServiceChange(
    string Service,
    string DisplayName,
    string? Team,
    string? TeamName,
    ChangeDirection Direction,
    ScoreLevel? OverallBefore,
    ScoreLevel? OverallAfter,
    string LevelsBefore,
    string LevelsAfter,
    IReadOnlyList<GapChange> NewGaps,
    IReadOnlyList<GapChange> ClosedGaps);
