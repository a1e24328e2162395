using System.Globalization;
using Portal.Domain.Catalog;
using YamlDotNet.RepresentationModel;
using static Portal.Ingest.Backstage.BackstageYaml;

namespace Portal.Ingest.Backstage;

// Components: their edges, API relations and the spec.interactions extension.
public sealed partial class BackstageExporter
{
    private static CatalogFile Components(ExportSnapshot data)
    {
        var edges = data.Dependencies.ToLookup(d => d.SourceServiceId);
        var apis = data.ServiceApis.ToLookup(r => r.ServiceId);
        return Build("components.yaml", "Components", data.Services, (service, skip) =>
        {
            if (data.OwnerOf(service) is not { } owner)
            {
                return skip("no owning team");
            }

            var ns = service.Namespace;
            var spec = new YamlMappingNode
            {
                { "type", Scalar(service.Kind) },
                { "lifecycle", Scalar(Wire(service.Lifecycle)) },
                { "owner", Scalar(owner) },
            };
            if (data.RefOrWaiting(service.SystemId, service, "system", BackstageKinds.System) is { } system)
            {
                spec.Add("system", Scalar(system));
            }

            var outgoing = edges[service.Id]
                .Select(e => (Edge: e, Target: data.Ref(e.TargetServiceId ?? e.TargetResourceId!.Value, BackstageKinds.Component, ns, alwaysWriteKind: true)))
                .OrderBy(e => e.Target, StringComparer.Ordinal)
                .ToList();
            var waiting = data.Waiting(service, "dependsOn", BackstageKinds.Component, alwaysWriteKind: true)
                .Concat(data.Waiting(service, "interactions", BackstageKinds.Component, alwaysWriteKind: true));
            var dependsOn = outgoing.Select(e => e.Target).Concat(waiting).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (dependsOn.Count > 0)
            {
                spec.Add("dependsOn", BlockSequence(dependsOn.Select(Scalar)));
            }

            foreach (var (field, relation) in new[] { ("providesApis", ApiRelation.Provides), ("consumesApis", ApiRelation.Consumes) })
            {
                var names = apis[service.Id].Where(r => r.Relation == relation).Select(r => data.Ref(r.ApiId, BackstageKinds.Api, ns))
                    .Concat(data.Waiting(service, field, BackstageKinds.Api)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (names.Count > 0)
                {
                    spec.Add(field, BlockSequence(names.Select(Scalar)));
                }
            }

            var interactions = outgoing.Select(e => Interaction(e.Edge, e.Target)).OfType<YamlMappingNode>().ToList();
            if (interactions.Count > 0)
            {
                spec.Add("interactions", BlockSequence(interactions));
            }

            var annotations = new Dictionary<string, string> { [PortalAnnotations.Tier] = service.Tier.ToString(CultureInfo.InvariantCulture) };
            if (service.RepositoryUrl is { } repository && repository != GitHubUrl(service.Annotations))
            {
                annotations[PortalAnnotations.Repository] = repository;
            }

            return Envelope(BackstageKinds.Component, service, spec, annotations, extraMetadata: metadata =>
            {
                if (service.Tags.Count > 0)
                {
                    metadata.Add("tags", BlockSequence(service.Tags.Select(Scalar)));
                }

                if (service.Links.Count > 0)
                {
                    metadata.Add("links", BlockSequence(service.Links.Select(Link)));
                }
            });
        });
    }

    /// <summary>
    /// The <c>spec.interactions</c> entry of an edge, or null when the edge is exactly what a bare
    /// <c>dependsOn</c> creates (kind unknown, or a read-write shared database; nothing else known).
    /// </summary>
    private static YamlMappingNode? Interaction(Dependency edge, string target)
    {
        var toResource = edge.TargetResourceId is not null;
        var defaultKind = toResource ? InteractionKind.SharedDatabase : InteractionKind.Unknown;
        var entry = new YamlMappingNode { { "target", Scalar(target) } };
        if (edge.Kind != defaultKind)
        {
            entry.Add("kind", Scalar(edge.Kind.ToWire()));
        }

        AddIf(entry, "timeoutMs", edge.TimeoutMs?.ToString(CultureInfo.InvariantCulture), typed: true);
        AddIf(entry, "retries", edge.Retries?.ToString(CultureInfo.InvariantCulture), typed: true);
        AddIf(entry, "backoff", Bool(edge.Backoff), typed: true);
        AddIf(entry, "circuitBreaker", Bool(edge.CircuitBreaker), typed: true);
        AddIf(entry, "fallback", Bool(edge.Fallback), typed: true);
        AddIf(entry, "bulkhead", Bool(edge.Bulkhead), typed: true);
        AddIf(entry, "criticality", edge.Criticality?.ToString().ToLowerInvariant());
        if (toResource && edge.Access is { } access && access != ResourceAccess.ReadWrite)
        {
            entry.Add("access", Scalar(access == ResourceAccess.Read ? "read" : "write"));
        }

        return entry.Children.Count > 1 ? entry : null;
    }

    private static YamlMappingNode Link(ServiceLink link)
    {
        var node = new YamlMappingNode { { "url", Scalar(link.Url) } };
        AddIf(node, "title", link.Title);
        AddIf(node, "type", link.Type);
        return node;
    }
}
