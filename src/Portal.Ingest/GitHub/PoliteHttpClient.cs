using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Internal;

namespace Portal.Ingest.GitHub;

/// <summary>The rate limit needs a longer wait than a run may spend; the run stops and resumes after the reset.</summary>
public sealed class RateLimitPauseException(DateTimeOffset resetAt, string message) : Exception(message)
{
    public DateTimeOffset ResetAt { get; } = resetAt;
}

/// <summary>
/// Sits under Octokit's caching client and makes every call polite and bounded: a timeout per attempt,
/// a bounded retry with exponential backoff and jitter on 5xx and timeouts, a wait until the reset when
/// the primary rate limit runs low, and <c>Retry-After</c> honoured on secondary limits. Every answer
/// is counted on the run's <see cref="RequestMeter"/>.
/// </summary>
/// <remarks>
/// Octokit's read methods pass no cancellation token, so the run's own token (<paramref name="runAborted"/>)
/// is linked into every send and wait: a shutdown or a lost lease stops a run that is waiting for a reset.
/// </remarks>
public sealed class PoliteHttpClient(IHttpClient inner, GitHubOptions options, RequestMeter meter, TimeProvider clock, ILogger logger, CancellationToken runAborted)
    : IHttpClient
{
    /// <summary>Rate-limit waits per request (secondary or primary) before its answer is handed back as it is.</summary>
    private const int MaxLimitWaits = 3;

    /// <summary>GitHub's advice when a secondary limit comes without Retry-After: wait at least a minute.</summary>
    private static readonly TimeSpan SecondaryDefaultWait = TimeSpan.FromMinutes(1);

    public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runAborted);
        return await SendAsync(request, linked.Token, preprocessResponseBody);
    }

    private async Task<IResponse> SendAsync(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody)
    {
        var attempt = 0;
        var limitWaits = 0;
        while (true)
        {
            await WaitIfRateLimitLowAsync(cancellationToken);
            IResponse response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.RequestTimeout);
                try
                {
                    response = await inner.Send(request, timeout.Token, preprocessResponseBody!);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException)
                {
                    var what = ex is OperationCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s" : ex.Message;
                    if (attempt >= options.MaxRetries)
                    {
                        throw new GitHubUnavailableException($"{request.Method} {request.Endpoint}: {what} ({(attempt == 0 ? "no retry configured" : $"after {attempt + 1} attempts")})", ex);
                    }

                    await BackOffAsync(request, ++attempt, what, cancellationToken);
                    continue;
                }
            }

            meter.Answered(response.StatusCode == HttpStatusCode.NotModified);
            ReadRateLimit(response);

            if ((int)response.StatusCode >= 500 && attempt < options.MaxRetries)
            {
                await BackOffAsync(request, ++attempt, $"HTTP {(int)response.StatusCode}", cancellationToken);
                continue;
            }

            if ((response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests) && limitWaits < MaxLimitWaits)
            {
                var retryAfter = Header(response, "Retry-After") is { } header && int.TryParse(header, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(Math.Max(1, seconds))
                    : (TimeSpan?)null;
                if (retryAfter is null && IsSecondaryLimit(response))
                {
                    retryAfter = SecondaryDefaultWait;
                }

                if (retryAfter is { } wait)
                {
                    // Secondary limit: GitHub says (or advises) how long to stay away.
                    limitWaits++;
                    if (wait > options.MaxRateLimitWait)
                    {
                        throw new RateLimitPauseException(clock.GetUtcNow() + wait, $"GitHub asked to wait {wait.TotalMinutes:0} min (secondary rate limit)");
                    }

                    meter.WaitedForRateLimit();
                    logger.LogWarning("GitHub secondary rate limit on {Endpoint}: waiting {Seconds} s", request.Endpoint, wait.TotalSeconds);
                    await Task.Delay(wait, clock, cancellationToken);
                    continue;
                }

                if (Header(response, "X-RateLimit-Remaining") == "0" && ResetOf(response) is { } reset)
                {
                    // Primary limit used up: wait for the reset (at least a second, in case GitHub's reset is
                    // already past by our clock), then go on where we were.
                    limitWaits++;
                    await WaitUntilAsync(reset, "the rate limit is used up", cancellationToken, minimum: TimeSpan.FromSeconds(1));
                    continue;
                }
            }

            return response;
        }
    }

    public void SetRequestTimeout(TimeSpan timeout) => inner.SetRequestTimeout(timeout);

    public void Dispose() => inner.Dispose();

    private async Task WaitIfRateLimitLowAsync(CancellationToken ct)
    {
        if (meter.RateLimitRemaining is { } remaining && remaining <= options.RateLimitReserve && meter.RateLimitResetAt is { } reset
            && reset > clock.GetUtcNow())
        {
            await WaitUntilAsync(reset, $"only {remaining} requests are left", ct, TimeSpan.Zero);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset reset, string why, CancellationToken ct, TimeSpan minimum)
    {
        // One second past the reset: GitHub's clock and ours are not the same clock.
        var wait = reset - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait < minimum)
        {
            wait = minimum;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > options.MaxRateLimitWait)
        {
            throw new RateLimitPauseException(reset, $"GitHub rate limit: {why}; it resets at {reset:u}, later than the {options.MaxRateLimitWait.TotalMinutes:0} min a run may wait");
        }

        meter.WaitedForRateLimit();
        logger.LogWarning("GitHub rate limit: {Why}; waiting {Seconds:0} s until it resets at {Reset:u}", why, wait.TotalSeconds, reset);
        await Task.Delay(wait, clock, ct);
    }

    private async Task BackOffAsync(IRequest request, int attempt, string what, CancellationToken ct)
    {
        meter.Retried();
        var delay = options.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        logger.LogWarning("GitHub {Method} {Endpoint} failed ({What}); retry {Attempt} of {Max} in {Delay:0} ms",
            request.Method, request.Endpoint, what, attempt, options.MaxRetries, delay.TotalMilliseconds);
        await Task.Delay(delay, clock, ct);
    }

    private void ReadRateLimit(IResponse response)
    {
        // GraphQL has a limit of its own (X-RateLimit-Resource: graphql); the meter follows the REST one.
        if (Header(response, "X-RateLimit-Resource") is { } resource && resource != "core")
        {
            return;
        }

        if (int.TryParse(Header(response, "X-RateLimit-Remaining"), CultureInfo.InvariantCulture, out var remaining)
            && long.TryParse(Header(response, "X-RateLimit-Reset"), CultureInfo.InvariantCulture, out var reset))
        {
            meter.RateLimit(remaining, reset);
        }
    }

    private static DateTimeOffset? ResetOf(IResponse response) =>
        long.TryParse(Header(response, "X-RateLimit-Reset"), CultureInfo.InvariantCulture, out var reset) ? DateTimeOffset.FromUnixTimeSeconds(reset) : null;

    private static bool IsSecondaryLimit(IResponse response) =>
        response.Body is string body && body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);

    internal static string? Header(IResponse response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>GitHub did not answer usefully after every retry (5xx, timeouts, network).</summary>
public sealed class GitHubUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
