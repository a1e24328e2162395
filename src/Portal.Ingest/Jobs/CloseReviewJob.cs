using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Reviews.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Closes one revision of a quarterly review in the background: freezes its snapshot and marks it closed, reporting
/// progress on the review's closing row. Idempotent: a revision already closed (or reopened, or cancelled) is left alone,
/// and an attempt that stopped half-way starts again from nothing.
/// </summary>
public sealed class CloseReviewJob(ReviewCloser closer, ILogger<CloseReviewJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid reviewId, int revision, CancellationToken ct)
    {
        var result = await closer.CloseAsync(reviewId, revision, ct);
        if (result is null)
        {
            logger.LogInformation("Review {ReviewId} revision {Revision}: nothing to close", reviewId, revision);
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
