namespace Portal.Domain.Reviews;

/// <summary>Where an action item stands. An open item past its due date is <em>missed</em> (computed, not stored).</summary>
public enum ActionItemStatus
{
    Open,

    Done,

    /// <summary>Deliberately not done any more, with a reason.</summary>
    Dropped,
}
