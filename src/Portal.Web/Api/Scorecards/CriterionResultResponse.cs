namespace Portal.Web.Api.Scorecards;

/// <summary>
/// One criterion's result as the API answers it. <see cref="ChangesOn"/>: a changed definition of the criterion takes
/// effect that day; until then this result (under the definition it replaces) counts, and <see cref="LevelAfterChange"/>
/// and <see cref="StatusAfterChange"/> say what the changed one gives today.
/// </summary>
public sealed record CriterionResultResponse(
    string Criterion, string Title, string Level, string Mode, string Status, string Evidence, DateTime EvaluatedAt, DateTime? DataAsOf,
    bool Flagged, string? FlagReason, bool Upcoming, int FrameworkVersion,
    DateOnly? ChangesOn = null, string? LevelAfterChange = null, string? StatusAfterChange = null);
