using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>Levels of a group of services (a team, the organisation): distributions per signal and overall.</summary>
/// <param name="Key">The team's reference, or "organisation".</param>
/// <param name="Services">How many services the group has.</param>
/// <param name="PerSignal">Distribution of levels per signal (every signal present).</param>
/// <param name="Overall">Distribution of overall levels.</param>
public sealed record RollupGroup(
    string Key,
    int Services,
    IReadOnlyDictionary<ScalingSignal, LevelDistribution> PerSignal,
    LevelDistribution Overall)
{
    /// <summary>
    /// The signals where the fewest services reach <paramref name="level"/>, weakest first (ties in
    /// framework order): where the group should look first.
    /// </summary>
    public IReadOnlyList<ScalingSignal> Weakest(ScoreLevel level = ScoreLevel.Bronze) =>
        [.. PerSignal.OrderBy(p => p.Value.ShareAtLeast(level)).ThenBy(p => p.Key).Select(p => p.Key)];
}
