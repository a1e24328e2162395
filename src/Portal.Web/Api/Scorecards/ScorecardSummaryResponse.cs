namespace Portal.Web.Api.Scorecards;

/// <summary>A row of <c>GET /api/v1/scorecards</c>.</summary>
public sealed record ScorecardSummaryResponse(string Service, string DisplayName, string? Team, int Tier, string Overall, IReadOnlyDictionary<string, string> Levels, int Failing, int Flagged, int Exempt);
