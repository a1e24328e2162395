using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt.Csv;
using Portal.Domain.Persistence;

namespace Portal.Domain.Auditing.Queries;

/// <summary>Reads the audit log, newest first: a page of it, or every entry a filter matches as CSV.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The most entries one CSV export writes; a larger selection is refused with a request to narrow it.</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>The export's columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["id", "at_utc", "actor", "action", "succeeded", "entity_type", "entity_key", "before", "after", "correlation_id"];

    private const int ExportBatch = 1_000;

    public Task<Page<AuditEntryDto>> ListAsync(int page, int pageSize, string? q = null, CancellationToken ct = default) =>
        ListAsync(page, pageSize, new AuditFilter { Text = q }, ct);

    public async Task<Page<AuditEntryDto>> ListAsync(int page, int pageSize, AuditFilter filter, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filter(db.AuditEntries.AsNoTracking(), filter);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(a => a.Id)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityKey, a.Before, a.After, a.CorrelationId, a.Succeeded))
            .ToListAsync(ct);
        return new Page<AuditEntryDto>(items, total, page, pageSize);
    }

    /// <summary>How many entries <paramref name="filter"/> matches, counted up to <paramref name="upTo"/> at most.</summary>
    public async Task<int> CountAsync(AuditFilter filter, int upTo, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db.AuditEntries.AsNoTracking(), filter).Take(upTo).CountAsync(ct);
    }

    /// <summary>
    /// Writes every entry <paramref name="filter"/> matches, newest first, to <paramref name="output"/> as CSV (RFC 4180,
    /// header row <see cref="CsvColumns"/>, times UTC ISO 8601, formula-like cells guarded by <see cref="CsvFormulaGuard"/>),
    /// in batches, asynchronously. More than <see cref="MaxExportRows"/> entries are refused before anything is written.
    /// Entries added while the file is written are left out. Returns how many were written.
    /// </summary>
    public async Task<int> ExportCsvAsync(AuditFilter filter, TextWriter output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filter(db.AuditEntries.AsNoTracking(), filter);
        var newest = await entries.MaxAsync(a => (long?)a.Id, ct);
        if (await entries.Take(MaxExportRows + 1).CountAsync(ct) > MaxExportRows)
        {
            throw new DomainValidationException("filters", $"more than {MaxExportRows:N0} audit entries match; narrow them (who, kind, record or time) and export again");
        }

        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true);
        foreach (var column in CsvColumns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        var written = 0;
        var before = (newest ?? 0) + 1;
        while (newest is not null)
        {
            var last = before;
            var batch = await entries.Where(a => a.Id < last).OrderByDescending(a => a.Id).Take(ExportBatch).ToListAsync(ct);
            foreach (var a in batch)
            {
                csv.WriteField(a.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(DateTime.SpecifyKind(a.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                foreach (var text in (ReadOnlySpan<string?>)[a.Actor, a.Action, a.Succeeded ? "yes" : "no", a.EntityType, a.EntityKey, a.Before, a.After, a.CorrelationId])
                {
                    csv.WriteField(CsvFormulaGuard.Protect(text));
                }

                csv.EndRecord();
            }

            written += batch.Count;
            csv.Flush();
            await output.WriteAsync(buffer.ToString().AsMemory(), ct);
            buffer.GetStringBuilder().Clear();
            if (batch.Count < ExportBatch)
            {
                break;
            }

            before = batch[^1].Id;
        }

        csv.Flush();
        await output.WriteAsync(buffer.ToString().AsMemory(), ct);
        await output.FlushAsync(ct);
        return written;
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditFilter filter)
    {
        if (Term(filter.Text) is { } text)
        {
            entries = entries.Where(a => a.Actor.Contains(text) || a.Action.Contains(text) || a.EntityKey.Contains(text));
        }

        if (Term(filter.Actor) is { } actor)
        {
            entries = entries.Where(a => a.Actor.Contains(actor));
        }

        if (Term(filter.Action) is { } action)
        {
            entries = entries.Where(a => a.Action.StartsWith(action));
        }

        if (Term(filter.Record) is { } record)
        {
            entries = entries.Where(a => a.EntityType.Contains(record) || a.EntityKey.Contains(record));
        }

        if (filter.FromUtc is { } fromUtc)
        {
            var from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
            entries = entries.Where(a => a.At >= from);
        }

        if (filter.ToUtc is { } toUtc)
        {
            var to = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
            entries = entries.Where(a => a.At < to);
        }

        return filter.RefusedOnly ? entries.Where(a => !a.Succeeded) : entries;
    }

    private static string? Term(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
