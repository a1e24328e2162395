namespace Portal.Web.Api.Scorecards;

/// <summary><c>GET /api/v1/scorecards/rollup</c>.</summary>
public sealed record RollupResponse(RollupGroupResponse Organisation, IReadOnlyList<RollupGroupResponse> Teams);
