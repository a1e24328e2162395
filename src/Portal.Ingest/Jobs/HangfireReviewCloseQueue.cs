using Hangfire;
using Portal.Domain.Reviews.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>Queues a review's close as a <see cref="CloseReviewJob"/> on Hangfire.</summary>
public sealed class HangfireReviewCloseQueue(IBackgroundJobClient jobs) : IReviewCloseQueue
{
    public void Enqueue(Guid reviewId, int revision) =>
        jobs.Enqueue<CloseReviewJob>(j => j.RunAsync(reviewId, revision, CancellationToken.None));
}
