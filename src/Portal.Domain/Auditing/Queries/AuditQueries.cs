using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Auditing.Queries;

/// <summary>Reads the audit log, newest first.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Page<AuditEntryDto>> ListAsync(int page, int pageSize, string? q = null, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            entries = entries.Where(a => a.Actor.Contains(term) || a.Action.Contains(term) || a.EntityKey.Contains(term));
        }

        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(a => a.Id)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityKey, a.Before, a.After, a.CorrelationId, a.Succeeded))
            .ToListAsync(ct);
        return new Page<AuditEntryDto>(items, total, page, pageSize);
    }
}
