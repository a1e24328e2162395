namespace Portal.Web.Hosting;

/// <summary>
/// At most one warning line per rate-limit partition (one caller under one rule) per window: a caller hammering
/// Portal past its limit must not flood the log. The next line says how many refusals went unlogged meanwhile. At most
/// <see cref="MaxTracked"/> partitions are remembered; beyond that, all further partitions share one line per window.
/// </summary>
public sealed class RefusalLogThrottle(TimeProvider clock)
{
    /// <summary>How many partitions are remembered at most.</summary>
    public const int MaxTracked = 10_000;

    /// <summary>The shared partition of callers beyond <see cref="MaxTracked"/>.</summary>
    public const string Overflow = "*";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether to log this refusal of <paramref name="partition"/>; if so, <paramref name="unlogged"/> says how many went unlogged since the last line.</summary>
    public bool ShouldLog(string partition, TimeSpan window, out int unlogged)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.ContainsKey(partition) && _entries.Count >= MaxTracked)
            {
                Prune(now);
                if (_entries.Count >= MaxTracked)
                {
                    partition = Overflow;
                }
            }

            if (_entries.TryGetValue(partition, out var entry) && now < entry.Until)
            {
                entry.Unlogged++;
                unlogged = 0;
                return false;
            }

            unlogged = entry?.Unlogged ?? 0;
            _entries[partition] = new Entry { Until = now + window };
            return true;
        }
    }

    // Forgets partitions whose window has run out (a count of unlogged refusals they still held is lost).
    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset Until { get; init; }

        public int Unlogged { get; set; }
    }
}
