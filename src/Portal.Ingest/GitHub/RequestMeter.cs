namespace Portal.Ingest.GitHub;

/// <summary>
/// What a sync cost: requests GitHub counted, free 304 answers, retries, and the last rate-limit
/// figures GitHub sent. Thread-safe; one per run.
/// </summary>
public sealed class RequestMeter
{
    private int _requests;
    private int _notModified;
    private int _retries;
    private int _rateLimitWaits;
    private long _rateLimitRemaining = -1;
    private long _rateLimitReset;

    public int Requests => Volatile.Read(ref _requests);

    public int NotModified => Volatile.Read(ref _notModified);

    public int Retries => Volatile.Read(ref _retries);

    public int RateLimitWaits => Volatile.Read(ref _rateLimitWaits);

    /// <summary>Null until GitHub has said.</summary>
    public int? RateLimitRemaining => Interlocked.Read(ref _rateLimitRemaining) is var r and >= 0 ? (int)r : null;

    public DateTimeOffset? RateLimitResetAt => Interlocked.Read(ref _rateLimitReset) is var r and > 0 ? DateTimeOffset.FromUnixTimeSeconds(r) : null;

    /// <summary>Share of answers that were 304, 0–1.</summary>
    public double NotModifiedShare => Requests + NotModified == 0 ? 0 : (double)NotModified / (Requests + NotModified);

    internal void Answered(bool notModified)
    {
        if (notModified)
        {
            Interlocked.Increment(ref _notModified);
        }
        else
        {
            Interlocked.Increment(ref _requests);
        }
    }

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void WaitedForRateLimit() => Interlocked.Increment(ref _rateLimitWaits);

    internal void RateLimit(int remaining, long resetUnixSeconds)
    {
        Interlocked.Exchange(ref _rateLimitRemaining, remaining);
        Interlocked.Exchange(ref _rateLimitReset, resetUnixSeconds);
    }

    public override string ToString() =>
        $"{Requests} counted requests, {NotModified} answered 304 ({NotModifiedShare:P0}), {Retries} retries, rate limit left {RateLimitRemaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}";
}
