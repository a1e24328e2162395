using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>A service's levels as roll-ups see them.</summary>
/// <param name="Service">The service's reference.</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="Team">The owner team's reference; null when it has none.</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Levels">Level per signal (every signal).</param>
/// <param name="Overall">The lowest signal level.</param>
public sealed record ServiceLevels(
    string Service,
    string DisplayName,
    string? Team,
    int Tier,
    IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels,
    ScoreLevel Overall);
