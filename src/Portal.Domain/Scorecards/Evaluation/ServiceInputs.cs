using Portal.Domain.Scorecards.Commands;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>What people and other systems said about one service: answers, approved exemptions, pushed results.</summary>
/// <param name="Answers">Latest answer per self-assessed criterion.</param>
/// <param name="Exemptions">Approved exemptions (expired ones may be included: the evaluator checks the dates).</param>
/// <param name="External">Latest pushed result per external criterion.</param>
public sealed record ServiceInputs(
    IReadOnlyList<AssessmentAnswer> Answers,
    IReadOnlyList<ExemptionGrant> Exemptions,
    IReadOnlyList<ExternalResult> External)
{
    public static ServiceInputs None { get; } = new([], [], []);
}
