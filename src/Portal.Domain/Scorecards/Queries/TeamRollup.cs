namespace Portal.Domain.Scorecards.Queries;

/// <summary>A team's roll-up with its display name.</summary>
public sealed record TeamRollup(string Team, string DisplayName, RollupGroup Group);
