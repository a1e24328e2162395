using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>Levels per signal as a string of digits in <see cref="ScalingSignals.All"/> order (<c>1203011</c>), as scorecard history stores them.</summary>
public static class LevelDigits
{
    public static string Of(IReadOnlyDictionary<ScalingSignal, ScoreLevel> levels) =>
        string.Concat(ScalingSignals.All.Select(s => (char)('0' + (int)levels.GetValueOrDefault(s))));

    /// <summary>The level at signal position <paramref name="index"/>; None when the string is shorter or the digit is not a level.</summary>
    public static int At(string levels, int index) =>
        index < levels.Length && levels[index] is >= '0' and <= '3' ? levels[index] - '0' : 0;

    public static ScoreLevel Level(string levels, ScalingSignal signal) => (ScoreLevel)At(levels, Index(signal));

    public static int Index(ScalingSignal signal) => (int)signal - 1;
}
