using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>One service on one side of a comparison: a closed review's row, or the live scorecard now.</summary>
/// <param name="Service">Reference.</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="Team">Owner team's reference; null when none.</param>
/// <param name="TeamName">Owner team's display name.</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Overall">The lowest signal level.</param>
/// <param name="Levels">Levels per signal as digits in signal order.</param>
/// <param name="Statuses">One status code per criterion of the side, in its key order (see <see cref="Snapshots.SnapshotStatuses"/>).</param>
public sealed record ServiceState(string Service, string DisplayName, string? Team, string? TeamName, int Tier, ScoreLevel Overall, string Levels, string Statuses);
