using System.Threading.RateLimiting;

namespace Portal.Web.Hosting;

/// <summary>
/// A thin wrapper around one of <see cref="PortalRateLimiters"/>' limiters: when it refuses a request it leaves its
/// name in <see cref="HttpContext.Items"/> (<see cref="RefusedByItem"/>), so the refusal can be explained without
/// asking the limiters for statistics afterwards (which would create a partition for every refused caller). ASP.NET
/// Core's middleware asks twice when the first attempt is refused (an attempt, then a wait); the second time, a request
/// already refused is refused again at once, so a request refused by its token's limit does not spend a second permit
/// of its address's limit.
/// </summary>
public sealed class RefusalFlaggingLimiter(PartitionedRateLimiter<HttpContext> inner, string name) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the name of the first limiter that refused the request.</summary>
    public const string RefusedByItem = "portal.rate-limit-refused-by";

    private const string RetryAfterItem = "portal.rate-limit-retry-after";

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Flag(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        resource.Items.ContainsKey(RefusedByItem)
            ? new RefusedLease(resource.Items[RetryAfterItem] as TimeSpan?)
            : Flag(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

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
            if (resource.Items.TryAdd(RefusedByItem, name) && lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                resource.Items[RetryAfterItem] = retryAfter;
            }
        }

        return lease;
    }

    /// <summary>A refusal repeated without asking the limiter again, with the wait the first refusal named.</summary>
    private sealed class RefusedLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
