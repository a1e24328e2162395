namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// The organisation at a glance: distributions, teams, flags, exemptions, movers, answers that expire soon
/// (<c>ExpiringAnswers</c>: still counting) and answers that already expired (<c>ExpiredAnswers</c> in all, the most recent in <c>RecentlyExpired</c>).
/// </summary>
public sealed record ScorecardOverview(
    RollupGroup Organisation,
    IReadOnlyList<TeamRollup> Teams,
    int Flagged,
    int ActiveExemptions,
    int PendingExemptions,
    IReadOnlyList<ExpiringAnswerDto> ExpiringAnswers,
    IReadOnlyList<LevelChangeDto> Improved,
    IReadOnlyList<LevelChangeDto> Dropped,
    DateOnly QuarterStart,
    int FrameworkVersion,
    DateTime? EvaluatedAt,
    int ExpiredAnswers = 0,
    IReadOnlyList<ExpiringAnswerDto>? RecentlyExpired = null);
