using System.Collections.Concurrent;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Remembers how many rows match a filter, for as long as a version stays the same: for services the catalog's (the
/// graph state row, bumped in the same transaction as every change to services, teams, resources or dependencies),
/// for the debt register its own state row's. Paging through results then costs one tiny query instead of a count
/// over the whole table.
/// </summary>
internal sealed class CountCache
{
    private const int MaxEntries = 10_000;

    private readonly Lock _gate = new();
    private long _version = -1;
    private ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public bool TryGet(long version, string key, out int count)
    {
        count = 0;
        return Volatile.Read(ref _version) == version && _counts.TryGetValue(key, out count);
    }

    public void Set(long version, string key, int count)
    {
        lock (_gate)
        {
            if (_version != version || _counts.Count >= MaxEntries)
            {
                // A newer catalog (or a full cache) starts over; counts of an older version are never kept.
                if (version < _version)
                {
                    return;
                }

                _counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
                Volatile.Write(ref _version, version);
            }

            _counts[key] = count;
        }
    }
}
