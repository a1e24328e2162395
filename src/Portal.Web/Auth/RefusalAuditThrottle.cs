using System.Collections.Concurrent;

namespace Portal.Web.Auth;

/// <summary>
/// Bounds how often one caller's failed authentications reach the audit log: the first in each
/// <see cref="Window"/> is written, later ones are counted, and the next entry written says how many were left out.
/// Callers are keyed by client address (an IPv6 client by its /64, as the rate limits key them), so a flood of made-up
/// bearer tokens writes one entry per address a minute instead of one per request. At most <see cref="MaxCallers"/>
/// callers are remembered; beyond that the quiet ones are forgotten first (their uncounted refusals are lost).
/// </summary>
public sealed class RefusalAuditThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const int MaxCallers = 10_000;

    private readonly ConcurrentDictionary<string, Caller> _callers = new(StringComparer.Ordinal);

    /// <summary>True when this refusal is to be written; then <paramref name="leftOut"/> is how many of the caller's refusals were not written since its last entry.</summary>
    public bool TryWrite(string caller, out int leftOut)
    {
        var now = clock.GetUtcNow();
        if (_callers.Count >= MaxCallers && !_callers.ContainsKey(caller))
        {
            Forget(now);
        }

        var state = _callers.GetOrAdd(caller, _ => new Caller());
        lock (state)
        {
            if (state.WrittenAt is { } last && now - last < Window)
            {
                state.LeftOut++;
                leftOut = 0;
                return false;
            }

            leftOut = state.LeftOut;
            state.LeftOut = 0;
            state.WrittenAt = now;
            return true;
        }
    }

    /// <summary>Forgets callers whose window ended; if every caller is still within its window, forgets them all.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, state) in _callers)
        {
            if (state.WrittenAt is not { } last || now - last >= Window)
            {
                _callers.TryRemove(key, out _);
            }
        }

        if (_callers.Count >= MaxCallers)
        {
            _callers.Clear();
        }
    }

    private sealed class Caller
    {
        public DateTimeOffset? WrittenAt { get; set; }

        public int LeftOut { get; set; }
    }
}
