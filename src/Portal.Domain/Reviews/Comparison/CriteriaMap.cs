using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>
/// Lines up the criteria of two sides by key, once, so each service's two status strings are compared position
/// by position without a lookup per criterion.
/// </summary>
internal sealed class CriteriaMap
{
    private readonly (int From, int To, SnapshotCriterion Criterion)[] _pairs;

    public CriteriaMap(IReadOnlyList<SnapshotCriterion> from, IReadOnlyList<SnapshotCriterion> to)
    {
        var fromIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < from.Count; i++)
        {
            fromIndex[from[i].Key] = i;
        }

        var pairs = new List<(int, int, SnapshotCriterion)>(Math.Max(from.Count, to.Count));
        var matched = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < to.Count; i++)
        {
            pairs.Add((fromIndex.GetValueOrDefault(to[i].Key, -1), i, to[i]));
            matched.Add(to[i].Key);
        }

        for (var i = 0; i < from.Count; i++)
        {
            if (!matched.Contains(from[i].Key))
            {
                pairs.Add((i, -1, from[i]));
            }
        }

        _pairs = [.. pairs];
    }

    /// <summary>Gaps opened and closed between two status strings; <paramref name="before"/> null for a service new on the later side.</summary>
    public (IReadOnlyList<GapChange> Opened, IReadOnlyList<GapChange> Closed) Gaps(string? before, string after)
    {
        List<GapChange>? opened = null;
        List<GapChange>? closed = null;
        foreach (var (f, t, c) in _pairs)
        {
            var was = f >= 0 && before is not null && f < before.Length ? before[f] : SnapshotStatuses.Missing;
            var now = t >= 0 && t < after.Length ? after[t] : SnapshotStatuses.Missing;
            if (was == now)
            {
                continue;
            }

            if (SnapshotStatuses.IsGap(now) && !SnapshotStatuses.IsGap(was))
            {
                (opened ??= []).Add(new GapChange(c.Key, c.Title, c.Signal, c.Level, SnapshotStatuses.Status(was), SnapshotStatuses.Status(now)));
            }
            else if (SnapshotStatuses.IsGap(was) && !SnapshotStatuses.IsGap(now))
            {
                (closed ??= []).Add(new GapChange(c.Key, c.Title, c.Signal, c.Level, SnapshotStatuses.Status(was), SnapshotStatuses.Status(now)));
            }
        }

        return (opened ?? (IReadOnlyList<GapChange>)[], closed ?? (IReadOnlyList<GapChange>)[]);
    }
}
