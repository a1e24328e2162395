namespace Portal.Web.Api.Scorecards;

/// <summary>One signal of a scorecard.</summary>
public sealed record SignalResponse(string Signal, string Title, string Level, IReadOnlyList<CriterionResultResponse> Criteria);
