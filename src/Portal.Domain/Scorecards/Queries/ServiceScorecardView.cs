using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>One service's stored scorecard with everything its page shows.</summary>
/// <param name="Service">Reference.</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="OwnerTeam">Owner team reference, null when none.</param>
/// <param name="OwnerTeamDisplayName">Owner team title.</param>
/// <param name="OwnerTeamId">Owner team id (who may answer).</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Framework">The framework the results were evaluated under.</param>
/// <param name="EvaluatedAt">When (UTC).</param>
/// <param name="Levels">Level per signal.</param>
/// <param name="Overall">The lowest signal level.</param>
/// <param name="Results">Every result, in framework order.</param>
/// <param name="Answers">Current answers.</param>
/// <param name="Exemptions">Every exemption request, newest first.</param>
/// <param name="NextSteps">What raises each signal, cheapest first.</param>
/// <param name="BlastRadius">Services that fail when this one fails.</param>
public sealed record ServiceScorecardView(
    string Service,
    string DisplayName,
    string? OwnerTeam,
    string? OwnerTeamDisplayName,
    Guid? OwnerTeamId,
    int Tier,
    ScorecardFramework Framework,
    DateTime EvaluatedAt,
    IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels,
    ScoreLevel Overall,
    IReadOnlyList<CriterionResult> Results,
    IReadOnlyList<AnswerDto> Answers,
    IReadOnlyList<ExemptionDto> Exemptions,
    IReadOnlyList<NextStep> NextSteps,
    int BlastRadius);
