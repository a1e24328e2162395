using System.Collections.Concurrent;
using System.Threading.RateLimiting;

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
