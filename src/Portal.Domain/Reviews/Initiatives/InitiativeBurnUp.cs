using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>
/// Counts an initiative's progress from the scorecard level history, with no database: a service's level on a day is
/// its last history row on or before that day. A service enters the count on its first row (or at the start when it
/// has rows from before; one whose first row comes after the last day shown does not enter); a service in scope with
/// no rows at all has never been assessed and counts, short, from the start.
/// </summary>
public static class InitiativeBurnUp
{
    /// <summary>
    /// One point per day from <paramref name="startsOn"/> to the earlier of <paramref name="today"/> and
    /// <paramref name="dueOn"/>; empty when the initiative has not started yet.
    /// </summary>
    /// <param name="startsOn">First day counted.</param>
    /// <param name="dueOn">When the target should be met (the ideal line reaches the total here).</param>
    /// <param name="today">Today; nothing after it is counted.</param>
    /// <param name="services">The services in scope now.</param>
    /// <param name="history">Level history rows (service, day, levels as digits in signal order); rows of other services are ignored.</param>
    /// <param name="signal">The signal of the target.</param>
    /// <param name="target">The level each service should reach.</param>
    public static IReadOnlyList<BurnUpPoint> Compute(
        DateOnly startsOn, DateOnly dueOn, DateOnly today, IReadOnlyCollection<Guid> services,
        IEnumerable<(Guid ServiceId, DateOnly Day, string Levels)> history, ScalingSignal signal, ScoreLevel target)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(history);
        var last = today < dueOn ? today : dueOn;
        if (last < startsOn)
        {
            return [];
        }

        var days = last.DayNumber - startsOn.DayNumber + 1;
        var metDelta = new int[days + 1];
        var inDelta = new int[days + 1];
        var rows = history.GroupBy(h => h.ServiceId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Day).ToList());
        foreach (var id in services.Distinct())
        {
            if (!rows.TryGetValue(id, out var list))
            {
                inDelta[0]++;
                continue;
            }

            var (wasIn, wasMet) = (false, false);
            foreach (var row in list.TakeWhile(r => r.Day <= last))
            {
                var index = Math.Max(0, row.Day.DayNumber - startsOn.DayNumber);
                var met = LevelDigits.Level(row.Levels, signal) >= target;
                if (!wasIn)
                {
                    inDelta[index]++;
                }

                if (met != wasMet)
                {
                    metDelta[index] += met ? 1 : -1;
                }

                (wasIn, wasMet) = (true, met);
            }
        }

        var total = services.Distinct().Count();
        var points = new List<BurnUpPoint>(days);
        var (metNow, inNow) = (0, 0);
        for (var i = 0; i < days; i++)
        {
            metNow += metDelta[i];
            inNow += inDelta[i];
            var day = startsOn.AddDays(i);
            points.Add(new BurnUpPoint(day, metNow, inNow, Ideal(startsOn, dueOn, day, total)));
        }

        return points;
    }

    /// <summary>Where the straight line from none at the start to <paramref name="total"/> at the due date stands on <paramref name="day"/>.</summary>
    public static double Ideal(DateOnly startsOn, DateOnly dueOn, DateOnly day, int total)
    {
        if (day <= startsOn || dueOn <= startsOn)
        {
            return day >= dueOn ? total : 0;
        }

        if (day >= dueOn)
        {
            return total;
        }

        return Math.Round(total * (double)(day.DayNumber - startsOn.DayNumber) / (dueOn.DayNumber - startsOn.DayNumber), 2);
    }

    /// <summary>
    /// On track: every service meets the target, or (before the due date) at least as many meet it as the ideal line
    /// asks for today, rounded down. Past the due date with services still short, it is behind.
    /// </summary>
    public static bool IsOnTrack(int met, int total, DateOnly startsOn, DateOnly dueOn, DateOnly today) =>
        met >= total || (today < dueOn && met >= Math.Floor(Ideal(startsOn, dueOn, today, total)));
}
