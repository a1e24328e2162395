using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Ingest.Catalog;

// A service's relations (API links and dependency edges) in the audit entries of the records a source writes.
internal sealed partial class ReconcileRun
{
    // Each service's relations as the run found them, and as they are now (kept up to date once built).
    private RelationIndex? _relationsAtStart;
    private RelationIndex? _relationsNow;
    private Dictionary<Guid, string>? _refsById;
    private int _refsCount;

    /// <summary>Remembers every service's relations before the run changes any, for the audit entries' "before".</summary>
    private void IndexRelationsAtStart() => _relationsAtStart = new RelationIndex(catalog.ServiceApis, catalog.Dependencies);

    /// <summary>
    /// <see cref="RecordSnapshot.Of"/>, and for a service its <c>providesApis</c>, <c>consumesApis</c> and
    /// <c>dependsOn</c> (edges to services and resources) from <paramref name="relations"/>.
    /// </summary>
    private Dictionary<string, object?> Snapshot(CatalogEntity entity, RelationIndex? relations)
    {
        var snapshot = RecordSnapshot.Of(entity);
        if (entity is Service service && relations is not null)
        {
            AddRelations(snapshot, service, relations);
        }

        return snapshot;
    }

    /// <summary>The service's relations as they are now, for an audit entry of the link stage.</summary>
    private Dictionary<string, object?> RelationsOf(Service service) => Snapshot(service, RelationsNow());

    /// <summary>An audit entry for relations the run gave a service it did not write (as a link does).</summary>
    private void AuditRelations(Service service, CatalogEntity target, Dictionary<string, object?> before)
    {
        var after = RelationsOf(service);
        after["linked"] = $"dependsOn: {target.Ref}";
        Audit(batch.ActorAt(target.SourceLocation ?? batch.Scope), "service.reference.link", "service", service.Ref, before, after);
        _pending++;
    }

    private RelationIndex RelationsNow() => _relationsNow ??= new RelationIndex(catalog.ServiceApis, catalog.Dependencies);

    /// <summary>Keeps <see cref="RelationsNow"/> current when the link stage adds an API relation or an edge.</summary>
    private void Related(ServiceApi row) => _relationsNow?.Add(row);

    /// <inheritdoc cref="Related(ServiceApi)"/>
    private void Related(Dependency edge) => _relationsNow?.Add(edge);

    private void AddRelations(Dictionary<string, object?> snapshot, Service service, RelationIndex relations)
    {
        var apis = relations.Apis(service.Id);
        snapshot["providesApis"] = Names(apis.Where(r => r.Relation == ApiRelation.Provides).Select(r => r.ApiId));
        snapshot["consumesApis"] = Names(apis.Where(r => r.Relation == ApiRelation.Consumes).Select(r => r.ApiId));
        snapshot["dependsOn"] = Names(relations.Edges(service.Id).Select(e => (e.TargetServiceId ?? e.TargetResourceId)!.Value));
    }

    private string[] Names(IEnumerable<Guid> ids) => [.. ids.Select(RefOf).Order(StringComparer.Ordinal)];

    /// <summary><c>kind:namespace/name</c> of a service, API or resource (rebuilt when the run created one since).</summary>
    private string RefOf(Guid id)
    {
        var count = catalog.Services.Count + catalog.Apis.Count + catalog.Resources.Count;
        if (_refsById is null || (!_refsById.ContainsKey(id) && count != _refsCount))
        {
            _refsCount = count;
            _refsById = catalog.Services.Values.Select(s => (s.Id, Ref: "component:" + EntityRef.Format(s.Namespace, s.Name)))
                .Concat(catalog.Apis.Values.Select(a => (a.Id, Ref: "api:" + EntityRef.Format(a.Namespace, a.Name))))
                .Concat(catalog.Resources.Values.Select(r => (r.Id, Ref: "resource:" + EntityRef.Format(r.Namespace, r.Name))))
                .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().Ref);
        }

        return _refsById.GetValueOrDefault(id) ?? id.ToString();
    }

    /// <summary>API relations and outgoing edges by service.</summary>
    private sealed class RelationIndex
    {
        private readonly Dictionary<Guid, List<ServiceApi>> _apis = [];
        private readonly Dictionary<Guid, List<Dependency>> _edges = [];

        public RelationIndex(IEnumerable<ServiceApi> apis, IEnumerable<Dependency> edges)
        {
            foreach (var row in apis)
            {
                Add(row);
            }

            foreach (var edge in edges)
            {
                Add(edge);
            }
        }

        public IReadOnlyList<ServiceApi> Apis(Guid service) => _apis.GetValueOrDefault(service) ?? [];

        public IReadOnlyList<Dependency> Edges(Guid service) => _edges.GetValueOrDefault(service) ?? [];

        public void Add(ServiceApi row) => (_apis.TryGetValue(row.ServiceId, out var list) ? list : _apis[row.ServiceId] = []).Add(row);

        public void Add(Dependency edge) => (_edges.TryGetValue(edge.SourceServiceId, out var list) ? list : _edges[edge.SourceServiceId] = []).Add(edge);
    }
}
