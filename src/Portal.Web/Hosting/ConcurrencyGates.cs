using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// How many requests of one costly endpoint run at the same time (the GitHub webhook, the catalog export): a few run,
/// as many again wait their turn, and any beyond that answer 429 with <c>Retry-After</c> at once. One gate per setting,
/// for the life of the app. A rate limit caps requests a minute; this caps the memory they hold at one moment.
/// </summary>
public sealed class ConcurrencyGates : IDisposable
{
    /// <summary>What a refused request is told to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _gates = new(StringComparer.Ordinal);

    /// <summary>The gate named by <paramref name="setting"/>, made with <paramref name="permits"/> the first time it is asked for.</summary>
    public ConcurrencyLimiter For(string setting, int permits) =>
        _gates.GetOrAdd(setting, _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = permits,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }
}

/// <summary>Puts an endpoint behind one of the <see cref="ConcurrencyGates"/>.</summary>
public static class ConcurrencyGateEndpoints
{
    /// <summary>At most <paramref name="permits"/> of the <c>Limits:*</c> settings (named <paramref name="setting"/>) of <paramref name="what"/> at once.</summary>
    public static RouteHandlerBuilder WithConcurrencyLimit(this RouteHandlerBuilder endpoint, Func<LimitsOptions, int> permits, string setting, string what) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var allowed = permits(http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
            var gate = http.RequestServices.GetRequiredService<ConcurrencyGates>().For(setting, allowed);
            using var lease = await gate.AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                http.Response.Headers.RetryAfter = ConcurrencyGates.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(
                    detail: $"At most {allowed} {what} run at the same time, and as many wait (setting {setting}). Try again in {ConcurrencyGates.RetryAfterSeconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests at the same time",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = ConcurrencyGates.RetryAfterSeconds, ["limit"] = allowed });
            }

            return await next(context);
        });
}
