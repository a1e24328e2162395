namespace Portal.Domain.Scorecards.Queries;

/// <summary>How many services sit at each level (exactly that level, not cumulative).</summary>
public sealed record LevelDistribution(int None, int Bronze, int Silver, int Gold)
{
    public static LevelDistribution Empty { get; } = new(0, 0, 0, 0);

    public int Total => None + Bronze + Silver + Gold;

    /// <summary>Services at <paramref name="level"/> or above.</summary>
    public int AtLeast(ScoreLevel level) => level switch
    {
        ScoreLevel.None => Total,
        ScoreLevel.Bronze => Bronze + Silver + Gold,
        ScoreLevel.Silver => Silver + Gold,
        _ => Gold,
    };

    /// <summary>Share (0–1) of services at <paramref name="level"/> or above; 0 when there are none.</summary>
    public double ShareAtLeast(ScoreLevel level) => Total == 0 ? 0 : (double)AtLeast(level) / Total;

    /// <summary>The lowest level any service is at; null when there are no services.</summary>
    public ScoreLevel? Lowest => None > 0 ? ScoreLevel.None : Bronze > 0 ? ScoreLevel.Bronze : Silver > 0 ? ScoreLevel.Silver : Gold > 0 ? ScoreLevel.Gold : null;

    public LevelDistribution Add(ScoreLevel level) => level switch
    {
        ScoreLevel.None => this with { None = None + 1 },
        ScoreLevel.Bronze => this with { Bronze = Bronze + 1 },
        ScoreLevel.Silver => this with { Silver = Silver + 1 },
        _ => this with { Gold = Gold + 1 },
    };
}
