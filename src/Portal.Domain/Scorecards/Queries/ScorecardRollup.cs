using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// Roll-ups of service levels per team and for the organisation: counts per level, never averages of
/// levels. Pure, so the views, the API and quarterly reviews all count the same way.
/// </summary>
public static class ScorecardRollup
{
    public const string Organisation = "organisation";

    /// <summary>Every service together.</summary>
    public static RollupGroup ForOrganisation(IEnumerable<ServiceLevels> services) => Group(Organisation, services);

    /// <summary>One group per owner team (services without one are left out), largest first.</summary>
    public static IReadOnlyList<RollupGroup> ByTeam(IEnumerable<ServiceLevels> services) =>
    [
        .. services.Where(s => s.Team is not null)
            .GroupBy(s => s.Team!, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g))
            .OrderByDescending(g => g.Services)
            .ThenBy(g => g.Key, StringComparer.Ordinal),
    ];

    /// <summary>The distributions of any set of services under one key.</summary>
    public static RollupGroup Group(string key, IEnumerable<ServiceLevels> services)
    {
        var perSignal = ScalingSignals.All.ToDictionary(s => s, _ => LevelDistribution.Empty);
        var overall = LevelDistribution.Empty;
        var count = 0;
        foreach (var s in services)
        {
            count++;
            overall = overall.Add(s.Overall);
            foreach (var signal in ScalingSignals.All)
            {
                perSignal[signal] = perSignal[signal].Add(s.Levels.GetValueOrDefault(signal));
            }
        }

        return new RollupGroup(key, count, perSignal, overall);
    }
}
