namespace Portal.Domain.Reviews;

/// <summary>Where a quarterly review is in its life.</summary>
public enum ReviewStatus
{
    /// <summary>Being prepared and held: findings, decisions and action items can be recorded.</summary>
    Open,

    /// <summary>The close job is freezing the snapshot; nothing can be recorded until it finishes.</summary>
    Closing,

    /// <summary>Frozen: the snapshot is the record and never changes. Only an admin can reopen it, as a new revision.</summary>
    Closed,
}
