using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// A component's API relations and dependency edges.
internal sealed partial class ReconcileRun
{
    // Service/API relations created by this run: a consumer gets an edge to the API's providers when one side
    // of the relation is new, not on every run (someone may have removed it since).
    private readonly HashSet<(Guid Service, Guid Api, ApiRelation Relation)> _newRelations = [];

    /// <summary>An imported component's provides/consumes relations are exactly those its file lists.</summary>
    private async Task SetServiceApisAsync(CancellationToken ct)
    {
        var byService = catalog.ServiceApis.GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var outcome in Writable(o => o.Parsed is BackstageComponent))
        {
            var (service, component) = ((Service)outcome.Entity, (BackstageComponent)outcome.Parsed);
            var wanted = new Dictionary<(Guid, ApiRelation), Api>();
            foreach (var (keys, relation, field) in new[]
            {
                (component.ProvidesApis, ApiRelation.Provides, "spec.providesApis"),
                (component.ConsumesApis, ApiRelation.Consumes, "spec.consumesApis"),
            })
            {
                foreach (var key in keys)
                {
                    if (Resolve(catalog.Apis, key, component, field) is { } api)
                    {
                        wanted.TryAdd((api.Id, relation), api);
                    }
                }
            }

            if (!byService.TryGetValue(service.Id, out var rows))
            {
                rows = byService[service.Id] = [];
            }

            foreach (var row in rows.Where(r => !wanted.ContainsKey((r.ApiId, r.Relation))).ToList())
            {
                outcome.Changing();
                db.Remove(row);
                rows.Remove(row);
            }

            foreach (var ((apiId, relation), api) in wanted)
            {
                if (rows.All(r => r.ApiId != apiId || r.Relation != relation))
                {
                    outcome.Changing();
                    var row = new ServiceApi(service, api, relation);
                    Insert(row);
                    rows.Add(row);
                    _newRelations.Add((service.Id, apiId, relation));
                }
            }

            await SaveIfDueAsync(ct);
        }

        catalog.ServiceApis = [.. byService.Values.SelectMany(r => r)];
    }

    /// <summary>
    /// Edges from an imported component: one per <c>dependsOn</c> and <c>interactions</c> target, and one
    /// to each provider of an API it consumes. Edges the import created earlier and the files no longer
    /// justify are removed; edges entered by people are never removed by an import.
    /// </summary>
    private async Task SetDependenciesAsync(CancellationToken ct)
    {
        var edgesBySource = catalog.Dependencies.GroupBy(d => d.SourceServiceId).ToDictionary(g => g.Key, g => g.ToList());
        var providers = catalog.ServiceApis.Where(r => r.Relation == ApiRelation.Provides)
            .ToLookup(r => r.ApiId, r => r.ServiceId);
        var servicesById = catalog.Services.Values.ToDictionary(s => s.Id);
        var consumes = catalog.ServiceApis.Where(r => r.Relation == ApiRelation.Consumes).ToLookup(r => r.ServiceId, r => r.ApiId);

        foreach (var outcome in Writable(o => o.Parsed is BackstageComponent))
        {
            var (service, component) = ((Service)outcome.Entity, (BackstageComponent)outcome.Parsed);
            var targets = new Dictionary<Guid, EdgeTarget>();

            void Declare(EntityKey key, string field, BackstageInteraction? interaction)
            {
                CatalogEntity? target = key.Kind == BackstageKinds.Resource
                    ? Resolve(catalog.Resources, key, component, field)
                    : Resolve(catalog.Services, key, component, field);
                if (target is null)
                {
                    return;
                }

                if (target.Id == service.Id)
                {
                    Notice(component, $"{field} '{key}' is the component itself; ignored");
                    return;
                }

                var edge = targets.TryGetValue(target.Id, out var known) ? known : targets[target.Id] = new EdgeTarget(target);
                edge.Declared = true;
                edge.Interaction = interaction ?? edge.Interaction;
            }

            foreach (var key in component.DependsOn)
            {
                Declare(key, "spec.dependsOn", null);
            }

            foreach (var interaction in component.Interactions)
            {
                Declare(interaction.Target, "spec.interactions", interaction);
            }

            foreach (var apiId in consumes[service.Id])
            {
                var consumedIsNew = _newRelations.Contains((service.Id, apiId, ApiRelation.Consumes));
                foreach (var providerId in providers[apiId].Where(p => p != service.Id))
                {
                    if (!servicesById.TryGetValue(providerId, out var provider))
                    {
                        continue;
                    }

                    var edge = targets.TryGetValue(providerId, out var known) ? known : targets[providerId] = new EdgeTarget(provider);
                    edge.Create |= consumedIsNew || _newRelations.Contains((providerId, apiId, ApiRelation.Provides));
                }
            }

            if (!edgesBySource.TryGetValue(service.Id, out var edges))
            {
                edges = edgesBySource[service.Id] = [];
            }

            foreach (var (targetId, target) in targets)
            {
                var edge = edges.FirstOrDefault(e => (e.TargetServiceId ?? e.TargetResourceId) == targetId);
                if (edge is null)
                {
                    if (!target.Declared && !target.Create)
                    {
                        continue;
                    }

                    outcome.Changing();
                    edge = target.Entity is Resource resource
                        ? Dependency.ToResource(service, resource, ResourceAccess.ReadWrite, Source)
                        : Dependency.ToService(service, (Service)target.Entity, InteractionKind.Unknown, Source);
                    InsertRow(edge);
                    edges.Add(edge);
                }
                else if (target.Declared && edge.Source != Source)
                {
                    outcome.ProvenanceChanging();
                    edge.RecordSource(Source);
                    outcome.SourceTaken = true;
                }

                if (target.Interaction is { } interaction && InteractionDiffers(edge, interaction))
                {
                    outcome.Changing();
                    ApplyInteraction(edge, interaction);
                }
            }

            foreach (var edge in edges.Where(e => e.Source == Source && !targets.ContainsKey((e.TargetServiceId ?? e.TargetResourceId)!.Value)).ToList())
            {
                outcome.Changing();
                db.Remove(edge);
                edges.Remove(edge);
            }

            await SaveIfDueAsync(ct);
        }

        catalog.Dependencies = [.. edgesBySource.Values.SelectMany(e => e)];
    }

    /// <summary>
    /// A provider that is new to an API gets an edge from each consumer of the API that this run did not write
    /// (a consumer it wrote got its edges in <see cref="SetDependenciesAsync"/>), as if both had arrived together: the
    /// consumer → provider edges do not depend on which side came first.
    /// </summary>
    private void LinkConsumersToNewProviders()
    {
        var written = Writable(o => o.Parsed is BackstageComponent).Select(o => o.Entity.Id).ToHashSet();
        var newProviders = _newRelations.Where(r => r.Relation == ApiRelation.Provides).ToList();
        if (newProviders.Count == 0)
        {
            return;
        }

        var services = _servicesById ??= catalog.Services.Values.ToDictionary(s => s.Id);
        var consumers = catalog.ServiceApis.Where(r => r.Relation == ApiRelation.Consumes && !written.Contains(r.ServiceId)).ToLookup(r => r.ApiId, r => r.ServiceId);
        foreach (var (providerId, apiId, _) in newProviders)
        {
            foreach (var consumerId in consumers[apiId].Where(c => c != providerId))
            {
                if (services.GetValueOrDefault(consumerId) is { } consumer && services.GetValueOrDefault(providerId) is { } provider)
                {
                    var before = RelationsOf(consumer);
                    if (AddEdge(consumer, provider))
                    {
                        AuditRelations(consumer, provider, before);
                    }
                }
            }
        }
    }

    private static bool ResilienceDiffers(Dependency edge, BackstageInteraction interaction) =>
        edge.TimeoutMs != interaction.TimeoutMs || edge.Retries != interaction.Retries || edge.Backoff != interaction.Backoff
        || edge.CircuitBreaker != interaction.CircuitBreaker || edge.Fallback != interaction.Fallback || edge.Bulkhead != interaction.Bulkhead;

    private static bool InteractionDiffers(Dependency edge, BackstageInteraction interaction) =>
        (interaction.Kind is { } kind && edge.Kind != kind)
        || ResilienceDiffers(edge, interaction)
        || edge.Criticality != interaction.Criticality
        || (interaction.Access is { } access && edge.TargetResourceId is not null && edge.Access != access);

    private static void ApplyInteraction(Dependency edge, BackstageInteraction interaction)
    {
        if (interaction.Kind is { } kind && edge.Kind != kind)
        {
            edge.SetKind(kind);
        }

        if (ResilienceDiffers(edge, interaction))
        {
            edge.SetResilience(interaction.TimeoutMs, interaction.Retries, interaction.Backoff, interaction.CircuitBreaker, interaction.Fallback, interaction.Bulkhead);
        }

        if (edge.Criticality != interaction.Criticality)
        {
            edge.SetCriticality(interaction.Criticality);
        }

        if (interaction.Access is { } access && edge.TargetResourceId is not null && edge.Access != access)
        {
            edge.SetAccess(access);
        }
    }

    private sealed class EdgeTarget(CatalogEntity entity)
    {
        public CatalogEntity Entity { get; } = entity;

        /// <summary>Named in dependsOn or interactions: created if missing, and taken over if it was entered elsewhere.</summary>
        public bool Declared { get; set; }

        /// <summary>Derived from a consumed API whose relation is new in this import: created if missing.</summary>
        public bool Create { get; set; }

        public BackstageInteraction? Interaction { get; set; }
    }
}
