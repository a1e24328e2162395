using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Display names for references (<c>payments-core</c>, <c>ns/name</c>), so pages show "Payments Core" rather than a slug
/// wherever they only hold the reference (graph legends, pickers, lists built from analysis results), and the suggestions
/// pickers offer: display name with the reference beside it, exact and prefix matches first.
/// </summary>
public sealed class DisplayNameQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Most references resolved in one query; pages never need more at once.</summary>
    public const int MaxRefs = 500;

    /// <summary>Team display names by reference; a reference that names no team is left out.</summary>
    public Task<IReadOnlyDictionary<string, string>> TeamsAsync(IEnumerable<string> refs, CancellationToken ct = default) =>
        NamesAsync(SuggestionKind.Team, refs, ct);

    /// <summary>People's display names by reference; a reference that names nobody is left out.</summary>
    public Task<IReadOnlyDictionary<string, string>> PeopleAsync(IEnumerable<string> refs, CancellationToken ct = default) =>
        NamesAsync(SuggestionKind.Person, refs, ct);

    /// <summary>Display names of teams, people, services or systems by reference; a reference that names nothing is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(SuggestionKind kind, IEnumerable<string> refs, CancellationToken ct = default)
    {
        var wanted = Parse(refs);
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var names = wanted.Select(w => w.Name).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Records(db, kind, null).Where(r => names.Contains(r.Name)).ToListAsync(ct);
        return rows.Where(r => wanted.Contains((r.Namespace, r.Name)))
            .ToDictionary(r => r.Ref, r => r.DisplayName, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The record a picker holds, by reference; null when it names nothing of that kind.</summary>
    public async Task<NamedRef?> FindAsync(SuggestionKind kind, string? reference, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var names = await NamesAsync(kind, [reference.Trim()], ct);
        return names.FirstOrDefault() is { Key: { } key, Value: { } name } ? new NamedRef(key, name) : null;
    }

    /// <summary>
    /// What a picker suggests for <paramref name="text"/>: records whose name, title or description contain it, the record named
    /// exactly that first, then those whose name or title starts with it, then the rest, each group by display name. With no
    /// text, the first <paramref name="take"/> by display name.
    /// </summary>
    public async Task<IReadOnlyList<NamedRef>> SuggestAsync(SuggestionKind kind, string? text, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var best = await Records(db, kind, NameMatching.Term(text)).BestFirst().Take(take).ToListAsync(ct);
        return [.. best.Select(r => r.ToNamedRef())];
    }

    /// <summary>Records of one kind, matched against <paramref name="term"/> when there is one.</summary>
    internal static IQueryable<RankedRecord> Records(PortalDbContext db, SuggestionKind kind, string? term) => kind switch
    {
        SuggestionKind.Team => Rows(db.Teams, term),
        SuggestionKind.Person => Rows(db.People, term),
        SuggestionKind.Service => Rows(db.Services, term),
        SuggestionKind.System => Rows(db.Systems, term),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only teams, people, services and systems have display names"),
    };

    private static IQueryable<RankedRecord> Rows<T>(IQueryable<T> records, string? term)
        where T : CatalogEntity =>
        term is null ? NameMatching.All(records) : NameMatching.Matching(records, term);

    private static HashSet<(string Namespace, string Name)> Parse(IEnumerable<string> refs) =>
        [.. refs.Where(r => !string.IsNullOrWhiteSpace(r)).Take(MaxRefs).Select(EntityRef.Parse)];
}
