namespace Portal.Web.Api.Scorecards;

/// <summary>Body of <c>POST /api/v1/scorecards/results</c>: one result or many.</summary>
public sealed record PushResultsRequest(IReadOnlyList<PushedResultRequest> Results);
