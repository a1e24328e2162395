using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>A row of the scorecards list.</summary>
public sealed record ScorecardSummaryDto(
    string Service, string DisplayName, string? Team, string? TeamDisplayName, int Tier, ScoreLevel Overall,
    IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels, int Failing, int Flagged, int Exempt, DateTime EvaluatedAt);
