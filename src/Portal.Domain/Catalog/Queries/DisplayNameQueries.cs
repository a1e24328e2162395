using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Display names for references (<c>payments-core</c>, <c>ns/name</c>), so pages show "Payments Core" rather than a slug
/// wherever they only hold the reference (graph legends, pickers, lists built from analysis results).
/// </summary>
public sealed class DisplayNameQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Most references resolved in one query; pages never need more at once.</summary>
    public const int MaxRefs = 500;

    /// <summary>Team display names by reference; a reference that names no team is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TeamsAsync(IEnumerable<string> refs, CancellationToken ct = default)
    {
        var wanted = Parse(refs);
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var names = wanted.Select(w => w.Name).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Teams.AsNoTracking().Where(t => names.Contains(t.Name))
            .Select(t => new { t.Namespace, t.Name, t.Title }).ToListAsync(ct);
        return rows.Where(r => wanted.Contains((r.Namespace, r.Name)))
            .ToDictionary(r => EntityRef.Format(r.Namespace, r.Name), r => string.IsNullOrWhiteSpace(r.Title) ? r.Name : r.Title, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>People's display names by reference; a reference that names nobody is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PeopleAsync(IEnumerable<string> refs, CancellationToken ct = default)
    {
        var wanted = Parse(refs);
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var names = wanted.Select(w => w.Name).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.People.AsNoTracking().Where(p => names.Contains(p.Name))
            .Select(p => new { p.Namespace, p.Name, p.Title }).ToListAsync(ct);
        return rows.Where(r => wanted.Contains((r.Namespace, r.Name)))
            .ToDictionary(r => EntityRef.Format(r.Namespace, r.Name), r => string.IsNullOrWhiteSpace(r.Title) ? r.Name : r.Title, StringComparer.OrdinalIgnoreCase);
    }

    private static HashSet<(string Namespace, string Name)> Parse(IEnumerable<string> refs) =>
        [.. refs.Where(r => !string.IsNullOrWhiteSpace(r)).Take(MaxRefs).Select(EntityRef.Parse)];
}
