using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt.Csv;

namespace Portal.Domain.Debt.Queries;

public sealed partial class DebtQueries
{
    /// <summary>The most rows one export writes; a larger view is refused with a request to narrow the filters.</summary>
    public const int MaxExportRows = 50_000;

    private const int ExportBatch = 500;

    /// <summary>
    /// Writes every item <paramref name="query"/> matches (its filters and sort; paging ignored) to
    /// <paramref name="output"/> as CSV with a header row (see <see cref="DebtCsvColumns"/>), in batches, asynchronously.
    /// The order is taken once at the start, so an item changed while the file is written is neither lost nor repeated.
    /// Returns how many items were written.
    /// </summary>
    public async Task<int> ExportCsvAsync(DebtQuery query, TextWriter output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await Sort(Filter(db, db.DebtItems.AsNoTracking(), query, Today), query.Sort, query.Descending)
            .Select(i => i.Id).Take(MaxExportRows + 1).ToListAsync(ct);
        if (ids.Count > MaxExportRows)
        {
            throw new DomainValidationException("filters", $"the view has more than {MaxExportRows:N0} items; narrow it with the filters and export again");
        }

        using var csv = new DebtCsvWriter();
        csv.WriteHeader();
        for (var start = 0; start < ids.Count; start += ExportBatch)
        {
            var batch = ids.GetRange(start, Math.Min(ExportBatch, ids.Count - start));
            var items = await db.DebtItems.AsNoTracking().Where(i => batch.Contains(i.Id))
                .Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).ThenInclude(s => s.OwnerTeam)
                .AsSplitQuery().ToDictionaryAsync(i => i.Id, ct);
            foreach (var id in batch)
            {
                // An item deleted since the order was taken is left out.
                if (items.TryGetValue(id, out var item))
                {
                    csv.Write(item);
                }
            }

            await output.WriteAsync(csv.TakeText().AsMemory(), ct);
        }

        await output.WriteAsync(csv.TakeText().AsMemory(), ct);
        await output.FlushAsync(ct);
        return ids.Count;
    }
}
