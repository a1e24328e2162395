using System.Threading.RateLimiting;

namespace Portal.Web.Hosting;

/// <summary>
/// A thin wrapper around one of <see cref="PortalRateLimiters"/>' limiters: when it refuses a request it leaves its
/// name in <see cref="HttpContext.Items"/> (<see cref="RefusedByItem"/>), so the refusal can be explained without
/// asking the limiters for statistics afterwards (which would create a partition for every refused caller).
/// </summary>
public sealed class RefusalFlaggingLimiter(PartitionedRateLimiter<HttpContext> inner, string name) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the name of the first limiter that refused the request.</summary>
    public const string RefusedByItem = "portal.rate-limit-refused-by";

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Flag(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Flag(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private RateLimitLease Flag(HttpContext resource, RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            // The first refusal counts: the middleware asks again after a refused attempt, and the answer must not change.
            resource.Items.TryAdd(RefusedByItem, name);
        }

        return lease;
    }
}
