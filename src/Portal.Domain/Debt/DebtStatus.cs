namespace Portal.Domain.Debt;

/// <summary>Where a debt item is in its life. <see cref="Done"/> and <see cref="WontFix"/> are closed; the rest are open.</summary>
public enum DebtStatus
{
    /// <summary>Logged, not yet agreed to be worth paying down.</summary>
    Proposed,

    /// <summary>Agreed to be real debt worth paying down some day.</summary>
    Accepted,

    /// <summary>Planned for a target quarter.</summary>
    Planned,

    /// <summary>Someone is paying it down now.</summary>
    InProgress,

    /// <summary>Paid down.</summary>
    Done,

    /// <summary>Deliberately left as it is, with a reason and a date to look at it again.</summary>
    WontFix,
}
