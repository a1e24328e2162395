using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>The result of one criterion for one service, with its evidence; property names are the API's.</summary>
/// <param name="Criterion">The criterion's key.</param>
/// <param name="Signal">Its signal.</param>
/// <param name="Level">Its level.</param>
/// <param name="Mode">Automatic, self-assessed or external.</param>
/// <param name="Status">Pass, fail, unknown or exempt.</param>
/// <param name="Evidence">What was seen, in words.</param>
/// <param name="EvaluatedAt">When Portal evaluated it (UTC).</param>
/// <param name="DataAsOf">When the data behind it was last updated (UTC); null when there was none.</param>
/// <param name="FrameworkVersion">The framework version it was evaluated under.</param>
/// <param name="Flagged">A self-assessed answer that automatic evidence contradicts.</param>
/// <param name="FlagReason">Why it is flagged.</param>
/// <param name="Upcoming">Not effective yet: shown, not counted towards levels.</param>
/// <param name="StatusWithoutExemption">For an exempt result, what it would be without the exemption.</param>
/// <param name="ChangesOn">A changed definition of this criterion takes effect on this day; until then this result, under the definition it replaces, counts.</param>
/// <param name="LevelAfterChange">The level of the changed definition.</param>
/// <param name="StatusAfterChange">What the changed definition gives today (shown, not counted).</param>
public sealed record CriterionResult(
    string Criterion,
    ScalingSignal Signal,
    ScoreLevel Level,
    CriterionMode Mode,
    CriterionStatus Status,
    string Evidence,
    DateTime EvaluatedAt,
    DateTime? DataAsOf,
    int FrameworkVersion,
    bool Flagged = false,
    string? FlagReason = null,
    bool Upcoming = false,
    CriterionStatus? StatusWithoutExemption = null,
    DateOnly? ChangesOn = null,
    ScoreLevel? LevelAfterChange = null,
    CriterionStatus? StatusAfterChange = null)
{
    /// <summary>Passes or does not apply: does not block its level.</summary>
    public bool Satisfied => Status is CriterionStatus.Pass or CriterionStatus.Exempt;
}
