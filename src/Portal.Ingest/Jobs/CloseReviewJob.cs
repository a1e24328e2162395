using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Reviews.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Closes one revision of a quarterly review in the background: freezes its snapshot and marks it closed, reporting
/// progress on the review's closing row. Idempotent: a revision already closed (or reopened, or cancelled) is left alone,
/// an attempt another worker is running (<c>reviews close</c>) is left to it, and an attempt that stopped half-way
/// starts again from nothing. Stopped with the job runner, it gives its attempt back to the queue for the next worker.
/// </summary>
public sealed class CloseReviewJob(ReviewCloser closer, ILogger<CloseReviewJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid reviewId, int revision, CancellationToken ct)
    {
        var outcome = await closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: false, ct);
        if (outcome.Result is not { } result)
        {
            logger.LogInformation("Review {ReviewId} revision {Revision}: not closed by this job: {Reason}", reviewId, revision, outcome.Reason);
            return;
        }

        logger.LogInformation(
            "Review {Quarter} revision {Revision} closed: {Services} services frozen in snapshot {SnapshotId} in {ElapsedMs} ms",
            result.Quarter,
            result.Revision,
            result.Services,
            result.SnapshotId,
            (long)result.Elapsed.TotalMilliseconds);
    }
}
