namespace Portal.Domain.Scorecards;

/// <summary>
/// The outcome of one criterion for one service. <see cref="Unknown"/> (no data, stale data, a source not
/// connected, no answer) never counts as a pass.
/// </summary>
public enum CriterionStatus
{
    Pass,
    Fail,
    Unknown,

    /// <summary>An approved, current exemption: not applicable, so it does not block the level.</summary>
    Exempt,
}
