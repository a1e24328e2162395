using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Keeps one level-history row per service and day for the services a pass changed: today's row is updated, a new one
/// is added only when the levels differ from the last day recorded. Reads in chunks and marks today's rows; new rows
/// are returned for the caller to insert in bulk, and the caller saves.
/// </summary>
internal static class LevelHistoryWriter
{
    /// <summary>Marks today's history rows of the changed services that have one; returns the rows to add. Does not save.</summary>
    public static async Task<List<LevelHistoryRecord>> RecordAsync(PortalDbContext db, List<(Guid Id, ServiceScorecard Card)> changed, DateOnly today, CancellationToken ct)
    {
        var todays = new Dictionary<Guid, LevelHistoryRecord>();
        var latest = new Dictionary<Guid, string>();
        // Each chunk is one array parameter (json_each / = ANY): a thousand separate parameters cost SQLite a name
        // lookup each over the whole list when they are bound.
        foreach (var chunk in changed.Select(c => c.Id).Chunk(1_000))
        {
            foreach (var row in await db.ScorecardLevelHistory.Where(h => EF.Parameter(chunk).Contains(h.ServiceId) && h.Day == today).ToListAsync(ct))
            {
                todays[row.ServiceId] = row;
            }

            // The last row before today per service: its day first (a plain GROUP BY), then that row.
            var lastDays = await db.ScorecardLevelHistory.AsNoTracking().Where(h => EF.Parameter(chunk).Contains(h.ServiceId) && h.Day < today)
                .GroupBy(h => h.ServiceId).Select(g => new { g.Key, Day = g.Max(h => h.Day) }).ToDictionaryAsync(g => g.Key, g => g.Day, ct);
            if (lastDays.Count > 0)
            {
                var earliest = lastDays.Values.Min();
                var rows = await db.ScorecardLevelHistory.AsNoTracking().Where(h => EF.Parameter(chunk).Contains(h.ServiceId) && h.Day >= earliest && h.Day < today)
                    .Select(h => new { h.ServiceId, h.Day, h.Levels, h.Overall }).ToListAsync(ct);
                foreach (var row in rows.Where(r => lastDays[r.ServiceId] == r.Day))
                {
                    latest[row.ServiceId] = row.Overall + ":" + row.Levels;
                }
            }
        }

        var added = new List<LevelHistoryRecord>();
        foreach (var (id, card) in changed)
        {
            var levels = LevelDigits(card.Levels);
            if (todays.TryGetValue(id, out var row))
            {
                row.Update(card.Overall, levels);
                db.Entry(row).DetectChanges();
            }
            else if (!latest.TryGetValue(id, out var before) || before != card.Overall + ":" + levels)
            {
                added.Add(new LevelHistoryRecord(id, today, card.Overall, levels));
            }
        }

        return added;
    }

    /// <summary>Levels per signal as digits in signal order, e.g. <c>1203011</c>.</summary>
    public static string LevelDigits(IReadOnlyDictionary<ScalingSignal, ScoreLevel> levels) =>
        string.Concat(ScalingSignals.All.Select(s => (char)('0' + (int)levels.GetValueOrDefault(s))));
}
