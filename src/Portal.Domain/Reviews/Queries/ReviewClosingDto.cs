namespace Portal.Domain.Reviews.Queries;

/// <summary>The latest attempt to close a review, for the progress bar.</summary>
/// <param name="Status">Queued, running, succeeded or failed.</param>
/// <param name="Phase">What it is doing, in words.</param>
/// <param name="Done">Services done in this phase.</param>
/// <param name="Total">Services in this phase; 0 when not known yet.</param>
/// <param name="RequestedBy">Who asked for it.</param>
/// <param name="RequestedAt">When (UTC).</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Stale">Not finished and silent for minutes: the worker is gone; it can be retried.</param>
public sealed record ReviewClosingDto(
    ReviewClosingStatus Status, string Phase, int Done, int Total, string RequestedBy, DateTime RequestedAt, DateTime? FinishedAt, string? Error, bool Stale);
