using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Ingest.Backstage;

/// <summary>The catalog read without tracking, and the reference of every record by id.</summary>
internal sealed class ExportSnapshot
{
    private readonly Dictionary<Guid, EntityKey> _keys = [];

    public List<Team> Teams { get; private init; } = [];

    public List<Person> People { get; private init; } = [];

    public List<TeamMembership> Memberships { get; private init; } = [];

    public List<BusinessDomain> Domains { get; private init; } = [];

    public List<SoftwareSystem> Systems { get; private init; } = [];

    public List<Resource> Resources { get; private init; } = [];

    public List<Api> Apis { get; private init; } = [];

    public List<Service> Services { get; private init; } = [];

    public List<ServiceApi> ServiceApis { get; private init; } = [];

    public List<Dependency> Dependencies { get; private init; } = [];

    /// <summary>References kept as written that name nothing in the catalog yet, by referring record.</summary>
    public ILookup<Guid, PendingReference> Pending { get; private init; } = Array.Empty<PendingReference>().ToLookup(p => p.RecordId);

    public static async Task<ExportSnapshot> LoadAsync(PortalDbContext db, CancellationToken ct)
    {
        var snapshot = new ExportSnapshot
        {
            Teams = await db.Teams.AsNoTracking().ToListAsync(ct),
            People = await db.People.AsNoTracking().ToListAsync(ct),
            Memberships = await db.TeamMemberships.AsNoTracking().ToListAsync(ct),
            Domains = await db.Domains.AsNoTracking().ToListAsync(ct),
            Systems = await db.Systems.AsNoTracking().ToListAsync(ct),
            Resources = await db.Resources.AsNoTracking().ToListAsync(ct),
            Apis = await db.Apis.AsNoTracking().ToListAsync(ct),
            Services = await db.Services.AsNoTracking().ToListAsync(ct),
            ServiceApis = await db.ServiceApis.AsNoTracking().ToListAsync(ct),
            Dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct),
            Pending = (await db.PendingReferences.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.RecordId),
        };
        snapshot.Index(BackstageKinds.Group, snapshot.Teams);
        snapshot.Index(BackstageKinds.User, snapshot.People);
        snapshot.Index(BackstageKinds.Domain, snapshot.Domains);
        snapshot.Index(BackstageKinds.System, snapshot.Systems);
        snapshot.Index(BackstageKinds.Resource, snapshot.Resources);
        snapshot.Index(BackstageKinds.Api, snapshot.Apis);
        snapshot.Index(BackstageKinds.Component, snapshot.Services);
        return snapshot;
    }

    /// <summary>The reference to record <paramref name="id"/> as written in a field whose default kind is <paramref name="defaultKind"/>.</summary>
    public string Ref(Guid id, string defaultKind, string contextNamespace, bool alwaysWriteKind = false) =>
        EntityRefs.Format(_keys[id], defaultKind, contextNamespace, alwaysWriteKind);

    /// <summary>
    /// The references of <paramref name="record"/>'s <paramref name="field"/> that wait for their target, written as
    /// the field would write them (so an export keeps what its source wrote).
    /// </summary>
    public IEnumerable<string> Waiting(CatalogEntity record, string field, string defaultKind, bool alwaysWriteKind = false) =>
        Pending[record.Id].Where(p => p.Field == field).Select(p => EntityRefs.Format(EntityRefs.TargetOf(p), defaultKind, record.Namespace, alwaysWriteKind));

    /// <summary>The owner as a reference: the owning team, or the owner kept as written (a team not here yet, a person).</summary>
    public string? OwnerOf(OwnedCatalogEntity record)
    {
        if (record.OwnerTeamId is { } team)
        {
            return Ref(team, BackstageKinds.Group, record.Namespace);
        }

        if (record is Service { OwnerRef: { } written })
        {
            var person = written.StartsWith(Service.PersonOwnerPrefix, StringComparison.OrdinalIgnoreCase);
            var (ns, name) = EntityRef.Parse(person ? written[Service.PersonOwnerPrefix.Length..] : written);
            return EntityRefs.Format(new EntityKey(person ? BackstageKinds.User : BackstageKinds.Group, ns, name), BackstageKinds.Group, record.Namespace);
        }

        return Waiting(record, "owner", BackstageKinds.Group).FirstOrDefault();
    }

    /// <summary>A single-valued reference: the linked record, or the one kept as written.</summary>
    public string? RefOrWaiting(Guid? id, CatalogEntity record, string field, string defaultKind) =>
        id is { } linked ? Ref(linked, defaultKind, record.Namespace) : Waiting(record, field, defaultKind).FirstOrDefault();

    private void Index(string kind, IEnumerable<CatalogEntity> entities)
    {
        foreach (var entity in entities)
        {
            _keys[entity.Id] = Catalog.StoredCatalog.KeyOf(kind, entity);
        }
    }
}
