using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Octokit;
using Octokit.Internal;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Sits under Octokit's caching client and makes every call polite and bounded. The generic part is a
/// Polly pipeline on the injected clock: a timeout per attempt and a bounded retry with exponential backoff
/// and jitter on 5xx answers, timeouts and network errors. The GitHub-specific part stays here: a wait until
/// the reset when the primary rate limit runs low or is used up, and <c>Retry-After</c> honoured on secondary
/// limits. Every answer is counted on the run's <see cref="RequestMeter"/>.
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

    private static readonly ResiliencePropertyKey<IRequest> RequestKey = new("github.request");

    private readonly ResiliencePipeline<IResponse> _attempts = Attempts(options, meter, clock, logger);

    public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runAborted);
        return await SendAsync(request, linked.Token, preprocessResponseBody);
    }

    private async Task<IResponse> SendAsync(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody)
    {
        var limitWaits = 0;
        while (true)
        {
            var response = await SendWithRetriesAsync(request, cancellationToken, preprocessResponseBody);
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

    /// <summary>One request through the retry and timeout pipeline; a rate limit running low is waited out before each attempt.</summary>
    private async Task<IResponse> SendWithRetriesAsync(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        var attempts = 0;
        try
        {
            return await _attempts.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    await WaitIfRateLimitLowAsync(ctx.CancellationToken);
                    var response = await inner.Send(request, ctx.CancellationToken, preprocessResponseBody!);
                    meter.Answered(response.StatusCode == HttpStatusCode.NotModified);
                    ReadRateLimit(response);
                    return response;
                },
                context);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransient(ex))
        {
            var what = ex is TimeoutRejectedException or OperationCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s" : ex.Message;
            throw new GitHubUnavailableException(
                $"{request.Method} {request.Endpoint}: {what} ({(options.MaxRetries == 0 ? "no retry configured" : $"after {attempts} attempts")})", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Polly's generic part on <paramref name="clock"/>: every attempt gets <see cref="GitHubOptions.RequestTimeout"/>,
    /// and 5xx answers, timeouts and network errors are retried up to <see cref="GitHubOptions.MaxRetries"/> times
    /// with exponential backoff from <see cref="GitHubOptions.RetryBaseDelay"/> and jitter.
    /// </summary>
    private static ResiliencePipeline<IResponse> Attempts(GitHubOptions options, RequestMeter meter, TimeProvider clock, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<IResponse> { TimeProvider = clock };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<IResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested
                    && (args.Outcome.Exception is { } ex ? IsTransient(ex) : (int)args.Outcome.Result!.StatusCode >= 500)),
                OnRetry = args =>
                {
                    meter.Retried();
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    var what = args.Outcome.Exception switch
                    {
                        TimeoutRejectedException or OperationCanceledException => $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s",
                        { } ex => ex.Message,
                        null => $"HTTP {(int)args.Outcome.Result!.StatusCode}",
                    };
                    logger.LogWarning("GitHub {Method} {Endpoint} failed ({What}); retry {Attempt} of {Max} in {Delay:0} ms",
                        request?.Method, request?.Endpoint, what, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>Worth another attempt: the attempt timed out or the network failed (not a cancellation of the run).</summary>
    private static bool IsTransient(Exception ex) => ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException;

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
