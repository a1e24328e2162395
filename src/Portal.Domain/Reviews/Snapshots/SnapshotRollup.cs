using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// Counts of services per level (never averages), compact: <see cref="Overall"/> is four counts (None, Bronze,
/// Silver, Gold) and <see cref="Signals"/> holds four counts per signal in <see cref="ScalingSignals.All"/> order.
/// </summary>
public sealed record SnapshotRollup(int Services, int[] Overall, int[][] Signals)
{
    public static SnapshotRollup Of(IEnumerable<(string Levels, ScoreLevel Overall)> services)
    {
        var overall = new int[4];
        var signals = ScalingSignals.All.Select(_ => new int[4]).ToArray();
        var count = 0;
        foreach (var (levels, o) in services)
        {
            count++;
            overall[(int)o]++;
            for (var i = 0; i < signals.Length; i++)
            {
                signals[i][LevelDigits.At(levels, i)]++;
            }
        }

        return new SnapshotRollup(count, overall, signals);
    }

    public LevelDistribution OverallDistribution => Distribution(Overall);

    public LevelDistribution Signal(ScalingSignal signal) => Distribution(Signals[LevelDigits.Index(signal)]);

    private static LevelDistribution Distribution(int[] c) => new(c[0], c[1], c[2], c[3]);
}
