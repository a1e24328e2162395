using Portal.Domain.Scorecards.Queries;

namespace Portal.Web.Api.Scorecards;

/// <summary><c>GET /api/v1/scorecards/{service}</c>, with the service's next steps (steps that raise the overall level first, then the fewest days).</summary>
public sealed record ScorecardResponse(
    string Service, string DisplayName, string? Owner, string Overall, int FrameworkVersion, DateTime EvaluatedAt,
    IReadOnlyList<SignalResponse> Signals, IReadOnlyList<AnswerDto> Answers, IReadOnlyList<ExemptionDto> Exemptions, int BlastRadius,
    IReadOnlyList<NextStepResponse> NextSteps);
