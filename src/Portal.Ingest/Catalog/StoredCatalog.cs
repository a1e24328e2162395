using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// Every catalog record, tracked, in dictionaries keyed like Backstage references: one query per table
/// instead of one per imported entity. Navigations between them (team parents and memberships) are
/// fixed up by EF as the tables load.
/// </summary>
internal sealed class StoredCatalog
{
    public Dictionary<EntityKey, Team> Teams { get; } = [];

    public Dictionary<EntityKey, Person> People { get; } = [];

    public Dictionary<EntityKey, BusinessDomain> Domains { get; } = [];

    public Dictionary<EntityKey, SoftwareSystem> Systems { get; } = [];

    public Dictionary<EntityKey, Resource> Resources { get; } = [];

    public Dictionary<EntityKey, Api> Apis { get; } = [];

    public Dictionary<EntityKey, Service> Services { get; } = [];

    public List<ServiceApi> ServiceApis { get; set; } = [];

    public List<Dependency> Dependencies { get; set; } = [];

    /// <summary>
    /// References kept as written that named nothing in the catalog when their record was written: not loaded with the
    /// rest, only those a run may change (of the records it writes, or naming one of them), by <see cref="ReconcileRun"/>.
    /// </summary>
    public List<PendingReference> Pending { get; set; } = [];

    public static async Task<StoredCatalog> LoadAsync(PortalDbContext db, CancellationToken ct)
    {
        var catalog = new StoredCatalog();
        Fill(catalog.Teams, BackstageKinds.Group, await db.Teams.ToListAsync(ct));
        Fill(catalog.People, BackstageKinds.User, await db.People.ToListAsync(ct));
        await db.TeamMemberships.LoadAsync(ct);
        Fill(catalog.Domains, BackstageKinds.Domain, await db.Domains.ToListAsync(ct));
        Fill(catalog.Systems, BackstageKinds.System, await db.Systems.ToListAsync(ct));
        Fill(catalog.Resources, BackstageKinds.Resource, await db.Resources.ToListAsync(ct));
        Fill(catalog.Apis, BackstageKinds.Api, await db.Apis.ToListAsync(ct));
        Fill(catalog.Services, BackstageKinds.Component, await db.Services.ToListAsync(ct));
        catalog.ServiceApis = await db.ServiceApis.ToListAsync(ct);
        catalog.Dependencies = await db.Dependencies.ToListAsync(ct);
        return catalog;
    }

    /// <summary>The stored record of <paramref name="key"/>, of any kind Portal stores.</summary>
    public CatalogEntity? Find(EntityKey key) => key.Kind switch
    {
        BackstageKinds.Group => Teams.GetValueOrDefault(key),
        BackstageKinds.User => People.GetValueOrDefault(key),
        BackstageKinds.Domain => Domains.GetValueOrDefault(key),
        BackstageKinds.System => Systems.GetValueOrDefault(key),
        BackstageKinds.Resource => Resources.GetValueOrDefault(key),
        BackstageKinds.Api => Apis.GetValueOrDefault(key),
        BackstageKinds.Component => Services.GetValueOrDefault(key),
        _ => null,
    };

    /// <summary>Every record with the key it is matched by, of all kinds.</summary>
    public IEnumerable<(EntityKey Key, CatalogEntity Entity)> All() =>
        Teams.Select(Pair).Concat(People.Select(Pair)).Concat(Domains.Select(Pair)).Concat(Systems.Select(Pair))
            .Concat(Resources.Select(Pair)).Concat(Apis.Select(Pair)).Concat(Services.Select(Pair));

    public static EntityKey KeyOf(string kind, CatalogEntity entity) => new(kind, entity.Namespace, entity.Name);

    private static (EntityKey, CatalogEntity) Pair<T>(KeyValuePair<EntityKey, T> pair)
        where T : CatalogEntity => (pair.Key, pair.Value);

    // Names differing only in case are one entity to Backstage; should the database hold both, the
    // first keeps the key and the other is left alone by imports.
    private static void Fill<T>(Dictionary<EntityKey, T> map, string kind, List<T> rows)
        where T : CatalogEntity
    {
        foreach (var row in rows.OrderBy(r => r.CreatedAt))
        {
            map.TryAdd(KeyOf(kind, row), row);
        }
    }
}
