namespace Portal.Domain.Scorecards.Queries;

/// <summary>A service whose overall level moved since the start of the quarter.</summary>
public sealed record LevelChangeDto(string Service, string DisplayName, string? Team, ScoreLevel Before, ScoreLevel Now, int SignalSteps);
