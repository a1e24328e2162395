using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>A service in an initiative's scope that does not meet the target yet.</summary>
/// <param name="Ref">Its reference (for the link to its page).</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="Team">The owner team's reference; null when it has none.</param>
/// <param name="TeamName">The owner team's display name.</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Level">Its level on the initiative's signal now (None when never assessed).</param>
public sealed record ShortService(string Ref, string DisplayName, string? Team, string? TeamName, int Tier, ScoreLevel Level);
