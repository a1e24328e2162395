namespace Portal.Domain.Scorecards.Records;

/// <summary>
/// A service's levels from one day on: written when they change, so "improved or dropped since the start of the
/// quarter" compares today with the last row on or before that day.
/// </summary>
public sealed class LevelHistoryRecord
{
    private LevelHistoryRecord()
    {
    }

    public LevelHistoryRecord(Guid serviceId, DateOnly day, ScoreLevel overall, string levels)
    {
        ServiceId = serviceId;
        Day = day;
        Overall = overall;
        Levels = levels;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ServiceId { get; private set; }

    public DateOnly Day { get; private set; }

    public ScoreLevel Overall { get; private set; }

    /// <summary>Levels per signal as digits in signal order, e.g. <c>1203011</c>.</summary>
    public string Levels { get; private set; } = "";

    public void Update(ScoreLevel overall, string levels)
    {
        Overall = overall;
        Levels = levels;
    }
}
