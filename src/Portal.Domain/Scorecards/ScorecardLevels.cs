using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>
/// Levels from results: cumulative per signal (a level is reached when every counted criterion at it and
/// below passes or is exempt; a signal with no counted criterion reaches none), overall the lowest signal. No averages: one failing Bronze criterion keeps
/// a signal at None however many Gold criteria pass.
/// </summary>
public static class ScorecardLevels
{
    /// <summary>The level reached on every signal; upcoming results are left out.</summary>
    public static IReadOnlyDictionary<ScalingSignal, ScoreLevel> PerSignal(IEnumerable<CriterionResult> results)
    {
        var list = results.Where(r => !r.Upcoming).ToList();
        var levels = new Dictionary<ScalingSignal, ScoreLevel>();
        foreach (var signal in ScalingSignals.All)
        {
            levels[signal] = Reached(list.Where(r => r.Signal == signal));
        }

        return levels;
    }

    /// <summary>
    /// The level one signal's results reach. A signal with no counted criterion reaches nothing: a level nothing
    /// measures is not reached (otherwise a signal without criteria, or with only upcoming ones, would be Gold).
    /// </summary>
    public static ScoreLevel Reached(IEnumerable<CriterionResult> signalResults)
    {
        var counted = signalResults.Where(r => !r.Upcoming).ToList();
        if (counted.Count == 0)
        {
            return ScoreLevel.None;
        }

        // The lowest level with a criterion that neither passes nor is exempt caps the signal one below it.
        var lowestBlocked = counted.Where(r => !r.Satisfied).Select(r => (int)r.Level).DefaultIfEmpty((int)ScoreLevel.Gold + 1).Min();
        return (ScoreLevel)Math.Clamp(lowestBlocked - 1, (int)ScoreLevel.None, (int)ScoreLevel.Gold);
    }

    /// <summary>The lowest level across signals.</summary>
    public static ScoreLevel Overall(IReadOnlyDictionary<ScalingSignal, ScoreLevel> perSignal) =>
        perSignal.Count == 0 ? ScoreLevel.None : perSignal.Values.Min();
}
