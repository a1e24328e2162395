namespace Portal.Domain.Scorecards.Commands;

/// <summary>An approved exemption of one criterion for one service, as the evaluator sees it.</summary>
/// <param name="CriterionKey">The criterion that does not apply.</param>
/// <param name="Reason">Why not.</param>
/// <param name="EndsOn">Last day it applies; null when permanent.</param>
/// <param name="ApprovedBy">The admin who approved it (display name).</param>
public sealed record ExemptionGrant(string CriterionKey, string Reason, DateOnly? EndsOn, string ApprovedBy)
{
    /// <summary>Still applies on <paramref name="today"/>: permanent, or its last day not passed.</summary>
    public bool AppliesOn(DateOnly today) => EndsOn is null || today <= EndsOn;
}
