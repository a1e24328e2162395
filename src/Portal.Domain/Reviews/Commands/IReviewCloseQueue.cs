namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Hands a review's close to a background worker (Hangfire in the web app), so freezing 10,000 services never
/// runs inside a page request. The worker calls <see cref="ReviewCloser.CloseAsync"/>.
/// </summary>
public interface IReviewCloseQueue
{
    void Enqueue(Guid reviewId, int revision);
}
