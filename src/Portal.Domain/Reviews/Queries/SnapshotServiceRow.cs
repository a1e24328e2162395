using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Queries;

/// <summary>One service of a review (frozen when closed): its levels and counts, without the evidence.</summary>
public sealed record SnapshotServiceRow(
    string Service, string DisplayName, string? Team, string? TeamName, int Tier, ScoreLevel Overall, string Levels, int Failing, int Flagged, int Exempt);
