namespace Portal.Web.Api.Scorecards;

/// <summary>One criterion's result as the API answers it.</summary>
public sealed record CriterionResultResponse(
    string Criterion, string Title, string Level, string Mode, string Status, string Evidence, DateTime EvaluatedAt, DateTime? DataAsOf,
    bool Flagged, string? FlagReason, bool Upcoming, int FrameworkVersion);
