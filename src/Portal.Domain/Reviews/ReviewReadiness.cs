using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews;

/// <summary>Whether a review is ready to start: totals, each team's progress and reminder list, and exemptions ending this quarter.</summary>
/// <param name="Totals">The numbers a closed review keeps.</param>
/// <param name="Teams">Teams that owe answers first (least progress), then the rest.</param>
/// <param name="WithoutAssessment">Services without any current answer (references), worst first.</param>
/// <param name="WithExpiredAnswers">Services with at least one expired answer (references).</param>
/// <param name="EndingExemptions">Approved exemptions ending by the end of the quarter, soonest first.</param>
public sealed record ReviewReadiness(
    SnapshotReadiness Totals,
    IReadOnlyList<TeamReadiness> Teams,
    IReadOnlyList<string> WithoutAssessment,
    IReadOnlyList<string> WithExpiredAnswers,
    IReadOnlyList<EndingExemption> EndingExemptions);
