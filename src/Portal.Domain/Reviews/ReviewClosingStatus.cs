namespace Portal.Domain.Reviews;

/// <summary>Where one attempt to close a review stands.</summary>
public enum ReviewClosingStatus
{
    Queued,

    Running,

    Succeeded,

    Failed,

    /// <summary>Never ran: the review was no longer closing (cancelled, closed or reopened) or a newer attempt replaced it.</summary>
    Cancelled,
}
