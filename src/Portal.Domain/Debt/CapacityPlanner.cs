namespace Portal.Domain.Debt;

/// <summary>
/// Capacity planning as plain arithmetic (docs/risk-scoring.md, "Capacity"): the budget is people × working days ×
/// the debt share; planned effort is what targets the quarter; done effort is what was finished in it; the gap is
/// budget minus planned. "Unaddressed" cost of delay is what open items cost while nobody works on them this quarter.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Planned effort within this many engineer-days of the budget counts as on target.</summary>
    public const double ToleranceDays = 0.5;

    /// <summary>
    /// Computes one team's numbers for <paramref name="quarter"/> from its <paramref name="setting"/> (null when never
    /// set) and the items it owns. Items may include any status and quarter; each rule picks the ones it counts.
    /// </summary>
    public static CapacityNumbers Plan(Quarter quarter, CapacitySetting? setting, IEnumerable<CapacityItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var q = quarter.ToString();
        var start = quarter.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = quarter.Next.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        double planned = 0, done = 0, unaddressed = 0;
        int plannedCount = 0, doneCount = 0, unaddressedCount = 0;
        foreach (var item in items)
        {
            if (item.TargetQuarter == q && item.Status != DebtStatus.WontFix)
            {
                planned += item.EffortDays;
                plannedCount++;
            }

            if (item.Status == DebtStatus.Done && item.DoneAt is { } at && at >= start && at < end)
            {
                done += item.EffortDays;
                doneCount++;
            }

            if (item.Status is DebtStatus.Proposed or DebtStatus.Accepted or DebtStatus.Planned && item.TargetQuarter != q)
            {
                unaddressed += item.CostOfDelay;
                unaddressedCount++;
            }
        }

        var capacity = setting is null ? 0 : setting.People * setting.WorkingDays;
        var budget = setting is null ? 0 : capacity * setting.DebtSharePercent / 100;
        var gap = budget - planned;
        var standing = setting is null ? CapacityStanding.NotSet
            : gap > ToleranceDays ? CapacityStanding.Under
            : gap < -ToleranceDays ? CapacityStanding.Over
            : CapacityStanding.OnTarget;
        return new CapacityNumbers(
            Round(capacity), Round(budget), Round(planned), plannedCount, Round(done), doneCount, Round(gap),
            capacity > 0 ? Round(planned / capacity * 100) : null, standing, Round(unaddressed), unaddressedCount);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
