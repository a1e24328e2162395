namespace Portal.Domain.Debt;

/// <summary>
/// How the debt came about, after Martin Fowler's technical debt quadrant: was it taken on knowingly
/// (deliberate) or discovered later (inadvertent), and was it a considered trade-off (prudent) or not (reckless)?
/// </summary>
public enum DebtQuadrant
{
    /// <summary>"We must ship now and deal with the consequences": a known trade-off with a plan to pay it back.</summary>
    DeliberatePrudent,

    /// <summary>"We don't have time for design": known, and taken on without a plan.</summary>
    DeliberateReckless,

    /// <summary>"Now we know how we should have done it": learned by doing the work.</summary>
    InadvertentPrudent,

    /// <summary>"What's layering?": nobody knew better at the time.</summary>
    InadvertentReckless,
}
