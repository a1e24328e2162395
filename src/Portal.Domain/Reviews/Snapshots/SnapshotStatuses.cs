using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// A service's results as one character per criterion, so comparing two quarters of 10,000 services reads a
/// short string per service instead of every result: <c>P</c> pass, <c>F</c> fail, <c>U</c> unknown, <c>E</c>
/// exempt, lower case when the criterion was upcoming (shown, not counted), <c>-</c> when there was no result.
/// </summary>
public static class SnapshotStatuses
{
    public const char Missing = '-';

    public static char Code(CriterionStatus status, bool upcoming)
    {
        var c = status switch
        {
            CriterionStatus.Pass => 'P',
            CriterionStatus.Fail => 'F',
            CriterionStatus.Unknown => 'U',
            _ => 'E',
        };
        return upcoming ? char.ToLowerInvariant(c) : c;
    }

    /// <summary>The status a code stands for; null for <see cref="Missing"/>.</summary>
    public static CriterionStatus? Status(char code) => char.ToUpperInvariant(code) switch
    {
        'P' => CriterionStatus.Pass,
        'F' => CriterionStatus.Fail,
        'U' => CriterionStatus.Unknown,
        'E' => CriterionStatus.Exempt,
        _ => null,
    };

    /// <summary>Counted (not upcoming) and neither passing nor exempt: a gap.</summary>
    public static bool IsGap(char code) => code is 'F' or 'U';

    /// <summary>Counted and passing or exempt.</summary>
    public static bool IsMet(char code) => code is 'P' or 'E';

    /// <summary>The codes of <paramref name="results"/> in the order of <paramref name="keys"/>.</summary>
    public static string Encode(IReadOnlyList<string> keys, IEnumerable<CriterionResult> results)
    {
        var byKey = new Dictionary<string, CriterionResult>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            byKey[r.Criterion] = r;
        }

        return string.Create(keys.Count, (keys, byKey), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.byKey.TryGetValue(state.keys[i], out var r) ? Code(r.Status, r.Upcoming) : Missing;
            }
        });
    }
}
