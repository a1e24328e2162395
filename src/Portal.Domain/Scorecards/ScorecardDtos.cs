using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>A self-assessed answer as pages and the API show it.</summary>
public sealed record AnswerDto(string Criterion, int Maturity, string Note, string? EvidenceUrl, string AnsweredBy, DateTime AnsweredAt, DateTime ExpiresAt, bool Expired, int Version);

/// <summary>An exemption request and where it stands; <c>RequestedBy</c> and <c>DecidedBy</c> are display names, <c>RequestedByLogin</c> the requester's sign-in name (who may not decide it).</summary>
public sealed record ExemptionDto(
    Guid Id, string Service, string Criterion, string Reason, DateOnly? EndsOn, ExemptionStatus Status, bool Active,
    string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int Version, string RequestedByLogin = "");

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

/// <summary>A row of the scorecards list.</summary>
public sealed record ScorecardSummaryDto(
    string Service, string DisplayName, string? Team, string? TeamDisplayName, int Tier, ScoreLevel Overall,
    IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels, int Failing, int Flagged, int Exempt, DateTime EvaluatedAt);

/// <summary>Filters and paging of the scorecards list; <see cref="Level"/> applies to <see cref="Signal"/>, or to the overall level without one.</summary>
public sealed record ScorecardListQuery(string? Team = null, ScalingSignal? Signal = null, ScoreLevel? Level = null, int Page = 1, int PageSize = 25)
{
    public const int MaxPageSize = 200;
}

/// <summary>A team's roll-up with its display name.</summary>
public sealed record TeamRollup(string Team, string DisplayName, RollupGroup Group);

/// <summary>An answer that stops counting soon.</summary>
public sealed record ExpiringAnswerDto(string Service, string ServiceDisplayName, string Criterion, string CriterionTitle, DateTime ExpiresAt, bool Expired);

/// <summary>A service whose overall level moved since the start of the quarter.</summary>
public sealed record LevelChangeDto(string Service, string DisplayName, string? Team, ScoreLevel Before, ScoreLevel Now, int SignalSteps);

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
