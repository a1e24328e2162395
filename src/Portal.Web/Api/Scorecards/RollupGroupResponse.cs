using Portal.Domain.Scorecards.Queries;

namespace Portal.Web.Api.Scorecards;

/// <summary>One group of <c>GET /api/v1/scorecards/rollup</c>: services per level, per signal and overall.</summary>
public sealed record RollupGroupResponse(string Key, string? DisplayName, int Services, IReadOnlyDictionary<string, LevelDistribution> PerSignal, LevelDistribution Overall, IReadOnlyList<string> Weakest);
