using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>One service's scorecard: every result, the level per signal and overall (the lowest signal level).</summary>
/// <param name="Service">The service's reference.</param>
/// <param name="FrameworkVersion">The framework version it was evaluated under.</param>
/// <param name="EvaluatedAt">When (UTC).</param>
/// <param name="Results">Every active and upcoming criterion, in framework order.</param>
/// <param name="Levels">The level reached per signal, every signal present.</param>
/// <param name="Overall">The lowest of <paramref name="Levels"/>.</param>
public sealed record ServiceScorecard(
    string Service,
    int FrameworkVersion,
    DateTime EvaluatedAt,
    IReadOnlyList<CriterionResult> Results,
    IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels,
    ScoreLevel Overall)
{
    /// <summary>Results of one signal.</summary>
    public IEnumerable<CriterionResult> For(ScalingSignal signal) => Results.Where(r => r.Signal == signal);
}
