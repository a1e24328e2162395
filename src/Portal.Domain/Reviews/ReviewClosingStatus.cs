namespace Portal.Domain.Reviews;

/// <summary>Where one attempt to close a review stands.</summary>
public enum ReviewClosingStatus
{
    Queued,

    Running,

    Succeeded,

    Failed,
}
