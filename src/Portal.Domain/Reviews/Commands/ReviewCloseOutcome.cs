namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// What one worker's call to close a revision came to: the close it did, or, in words, why it closed nothing (nothing
/// to close, another worker is running the attempt, or the freeze was overtaken).
/// </summary>
/// <param name="Result">The close, when this worker closed the revision.</param>
/// <param name="Reason">Why nothing was closed by this worker; empty when it closed the revision.</param>
public sealed record ReviewCloseOutcome(ReviewCloseResult? Result, string Reason)
{
    public static ReviewCloseOutcome Closed(ReviewCloseResult result) => new(result, "");

    public static ReviewCloseOutcome NotClosed(string reason) => new(null, reason);
}
