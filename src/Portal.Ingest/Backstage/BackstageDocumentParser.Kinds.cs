using Portal.Domain.Catalog;
using Portal.Domain.Common;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

// The spec of each kind Portal stores, validated into a BackstageEntity.
internal sealed partial class BackstageDocumentParser
{
    private BackstageComponent? ParseComponent(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var type = Text(spec, "type", "spec", required: true);
        var lifecycle = ParseLifecycle(spec);
        var owner = Owner(spec);
        var system = Ref(spec, "system", BackstageKinds.System);
        var dependsOn = new List<EntityKey>();
        foreach (var target in Refs(spec, "dependsOn", BackstageKinds.Component, required: false, only: null) ?? [])
        {
            if (target.Kind is BackstageKinds.Component or BackstageKinds.Resource)
            {
                dependsOn.Add(target);
            }
            else
            {
                _notices.Add($"spec.dependsOn '{target}' is a {target.Kind}; Portal records dependencies on components and resources only, so it is ignored");
            }
        }

        var provides = Refs(spec, "providesApis", BackstageKinds.Api, required: false, only: BackstageKinds.Api) ?? [];
        var consumes = Refs(spec, "consumesApis", BackstageKinds.Api, required: false, only: BackstageKinds.Api) ?? [];
        var interactions = ParseInteractions(spec);

        var annotations = meta.Annotations;
        var tier = ReadTier(annotations);
        var repository = ReadRepository(annotations);
        var scratch = Validate(() =>
        {
            var service = new Service(key.Name, meta.Title, key.Namespace);
            service.Describe(meta.Title, meta.Description);
            service.SetKind(type);
            service.SetTags(meta.Tags);
            service.SetLinks(meta.Links);
            service.SetRepository(repository);
            if (tier is not null)
            {
                service.SetTier(tier.Value);
            }

            return service;
        });

        if (scratch is null || type is null || lifecycle is null || (owner is null && !_missingOwner))
        {
            return null;
        }

        return new BackstageComponent
        {
            Key = key,
            File = _file,
            Document = _document,
            Title = scratch.Title,
            Description = scratch.Description,
            Annotations = WithoutReserved(annotations),
            Owner = owner,
            Type = scratch.Kind,
            Lifecycle = lifecycle.Value,
            System = system,
            Tags = scratch.Tags,
            Links = scratch.Links,
            RepositoryUrl = scratch.RepositoryUrl,
            Tier = tier,
            DependsOn = dependsOn.Distinct().ToList(),
            ProvidesApis = provides.Distinct().ToList(),
            ConsumesApis = consumes.Distinct().ToList(),
            Interactions = interactions,
        };
    }

    private List<BackstageInteraction> ParseInteractions(YamlMappingNode spec)
    {
        var result = new List<BackstageInteraction>();
        var index = 0;
        foreach (var item in Sequence(spec, "interactions", "spec"))
        {
            var path = $"spec.interactions[{index++}]";
            if (item is not YamlMappingNode map)
            {
                _errors.Add($"{path} must be a mapping with a target");
                continue;
            }

            foreach (var (k, _) in map.Children)
            {
                if (k is not YamlScalarNode { Value: var field } || !InteractionFields.Contains(field, StringComparer.Ordinal))
                {
                    _errors.Add($"{path}: unknown field '{(k as YamlScalarNode)?.Value}' (expected {string.Join(", ", InteractionFields)})");
                }
            }

            var errorsBefore = _errors.Count;
            var targetText = Text(map, "target", path, required: true);
            EntityKey? target = null;
            if (targetText is not null)
            {
                target = EntityRefs.TryParse(targetText, BackstageKinds.Component, _namespace, out var refError);
                if (target is null)
                {
                    _errors.Add($"{path}.target: {refError}");
                }
                else if (target.Kind is not (BackstageKinds.Component or BackstageKinds.Resource))
                {
                    _errors.Add($"{path}.target '{targetText}' must be a component or a resource");
                    target = null;
                }
                else if (result.Any(r => r.Target.Equals(target)))
                {
                    _errors.Add($"{path}.target '{targetText}' is listed twice");
                }
            }

            var kind = Choice(map, "kind", path, InteractionKindExtensions.ParseWire, "sync-http, sync-grpc, async-event, async-queue, shared-database, library");
            var criticality = Choice(map, "criticality", path, ParseCriticality, "low, medium, high");
            var access = Choice(map, "access", path, ParseAccess, "read, write, read-write");
            var timeout = Integer(map, "timeoutMs", path);
            var retries = Integer(map, "retries", path);
            var backoff = Boolean(map, "backoff", path);
            var breaker = Boolean(map, "circuitBreaker", path);
            var fallback = Boolean(map, "fallback", path);
            var bulkhead = Boolean(map, "bulkhead", path);
            var checkedEdge = Validate(() =>
            {
                var edge = Dependency.ToService(new Service("scratch-from"), new Service("scratch-to"), InteractionKind.Unknown);
                edge.SetResilience(timeout, retries, backoff, breaker, fallback, bulkhead);
                return edge;
            }, path);

            if (target is not null && checkedEdge is not null && _errors.Count == errorsBefore)
            {
                result.Add(new BackstageInteraction(target, kind, timeout, retries, backoff, breaker, fallback, bulkhead, criticality, access));
            }
        }

        return result;
    }

    private BackstageApi? ParseApi(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var type = Text(spec, "type", "spec", required: true);
        var lifecycle = ParseLifecycle(spec);
        var owner = Owner(spec);
        var system = Ref(spec, "system", BackstageKinds.System);
        var definition = ParseDefinition(spec, type);
        if (type is { Length: > 40 })
        {
            _errors.Add("spec.type is longer than 40 characters");
        }

        var scratch = Validate(() =>
        {
            var api = new Api(key.Name, type ?? "openapi", meta.Title, key.Namespace);
            api.Describe(meta.Title, meta.Description);
            return api;
        });

        if (scratch is null || type is null || lifecycle is null || definition is null || (owner is null && !_missingOwner))
        {
            return null;
        }

        return new BackstageApi
        {
            Key = key,
            File = _file,
            Document = _document,
            Title = scratch.Title,
            Description = scratch.Description,
            Annotations = WithoutReserved(meta.Annotations),
            Owner = owner,
            Type = scratch.Type,
            Lifecycle = lifecycle.Value,
            System = system,
            Definition = definition,
        };
    }

    private string? ParseDefinition(YamlMappingNode spec, string? type)
    {
        var node = BackstageYaml.Child(spec, "definition");
        if (BackstageYaml.IsNull(node))
        {
            if (type is not null && ApiDefinitions.IsRemoteType(type))
            {
                return ApiDefinitions.ReadRemotes(spec, _errors);
            }

            _errors.Add("spec.definition is required");
            return null;
        }

        switch (node)
        {
            case YamlScalarNode { Value: { } text } when text.Trim().Length > 0:
                return text;
            case YamlMappingNode { Children.Count: 1 } placeholder
                when placeholder.Children.First() is { Key: YamlScalarNode { Value: var name }, Value: YamlScalarNode { Value: { Length: > 0 } value } }
                && ApiDefinitions.IsPlaceholderName(name):
                // Placeholders are resolved by Backstage's processors, which Portal does not run: keep them as written.
                return ApiDefinitions.Placeholder(name!, value);
            default:
                _errors.Add("spec.definition must be a non-empty string or a $text, $json or $yaml placeholder");
                return null;
        }
    }

    private BackstageResource? ParseResource(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var type = Text(spec, "type", "spec", required: true);
        var owner = Owner(spec);
        var system = Ref(spec, "system", BackstageKinds.System);
        var scratch = Validate(() =>
        {
            var resource = new Resource(key.Name, Resource.ParseType(type), meta.Title, key.Namespace);
            resource.Describe(meta.Title, meta.Description);
            return resource;
        });

        if (scratch is null || type is null || (owner is null && !_missingOwner))
        {
            return null;
        }

        return new BackstageResource
        {
            Key = key,
            File = _file,
            Document = _document,
            Title = scratch.Title,
            Description = scratch.Description,
            Annotations = WithoutReserved(meta.Annotations),
            Owner = owner,
            Type = scratch.Type,
            System = system,
        };
    }

    private BackstageSystem? ParseSystem(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var owner = Owner(spec);
        var domain = Ref(spec, "domain", BackstageKinds.Domain);
        var scratch = Validate(() =>
        {
            var system = new SoftwareSystem(key.Name, meta.Title, key.Namespace);
            system.Describe(meta.Title, meta.Description);
            return system;
        });

        return scratch is null || (owner is null && !_missingOwner)
            ? null
            : new BackstageSystem
            {
                Key = key,
                File = _file,
                Document = _document,
                Title = scratch.Title,
                Description = scratch.Description,
                Annotations = WithoutReserved(meta.Annotations),
                Owner = owner,
                Domain = domain,
            };
    }

    private BackstageDomain? ParseDomain(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var owner = Owner(spec);
        var scratch = Validate(() =>
        {
            var domain = new BusinessDomain(key.Name, meta.Title, key.Namespace);
            domain.Describe(meta.Title, meta.Description);
            return domain;
        });

        return scratch is null || (owner is null && !_missingOwner)
            ? null
            : new BackstageDomain
            {
                Key = key,
                File = _file,
                Document = _document,
                Title = scratch.Title,
                Description = scratch.Description,
                Annotations = WithoutReserved(meta.Annotations),
                Owner = owner,
            };
    }

    private BackstageGroup? ParseGroup(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var type = Text(spec, "type", "spec", required: true);
        var profile = Mapping(spec, "profile", "spec");
        var displayName = profile is null ? null : Text(profile, "displayName", "spec.profile");
        var email = profile is null ? null : Text(profile, "email", "spec.profile");
        var parent = Ref(spec, "parent", BackstageKinds.Group, only: BackstageKinds.Group);
        var children = Refs(spec, "children", BackstageKinds.Group, required: true, only: BackstageKinds.Group);
        var members = Refs(spec, "members", BackstageKinds.User, required: false, only: BackstageKinds.User) ?? [];
        meta.Annotations.TryGetValue(PortalAnnotations.ContactChannel, out var channel);
        CheckLength(type, 40, "spec.type");
        CheckLength(email, 320, "spec.profile.email");
        CheckLength(channel, 200, PortalAnnotations.ContactChannel);
        var title = NullIfBlank(displayName) ?? meta.Title;
        var scratch = Validate(() =>
        {
            var team = new Team(key.Name, title, key.Namespace);
            team.Describe(title, meta.Description);
            team.SetType(type);
            team.SetContact(channel, email);
            return team;
        });

        if (scratch is null || type is null || children is null)
        {
            return null;
        }

        return new BackstageGroup
        {
            Key = key,
            File = _file,
            Document = _document,
            Title = scratch.Title,
            Description = scratch.Description,
            Annotations = WithoutReserved(meta.Annotations),
            Type = scratch.Type,
            Email = scratch.Email,
            ContactChannel = channel is null ? null : scratch.ContactChannel,
            Parent = parent,
            Children = children.Distinct().ToList(),
            Members = members.Distinct().ToList(),
        };
    }

    private BackstageUser? ParseUser(EntityKey key, Metadata meta, YamlMappingNode spec)
    {
        var profile = Mapping(spec, "profile", "spec");
        var displayName = profile is null ? null : Text(profile, "displayName", "spec.profile");
        var email = profile is null ? null : Text(profile, "email", "spec.profile");
        var memberOf = Refs(spec, "memberOf", BackstageKinds.Group, required: true, only: BackstageKinds.Group);
        CheckLength(email, 320, "spec.profile.email");
        var title = NullIfBlank(displayName) ?? meta.Title;
        meta.Annotations.TryGetValue(PortalAnnotations.Phone, out var phone);
        var scratch = Validate(() =>
        {
            var person = new Person(key.Name, title, email, key.Namespace);
            person.Describe(title, meta.Description);
            return person;
        });
        try
        {
            scratch?.SetPhone(phone);
        }
        catch (DomainValidationException e)
        {
            _errors.Add($"metadata.annotations.{PortalAnnotations.Phone}: {e.Reason}");
            scratch = null;
        }

        return scratch is null || memberOf is null
            ? null
            : new BackstageUser
            {
                Key = key,
                File = _file,
                Document = _document,
                Title = scratch.Title,
                Description = scratch.Description,
                Annotations = WithoutReserved(meta.Annotations),
                Email = scratch.Email,
                Phone = scratch.Phone,
                MemberOf = memberOf.Distinct().ToList(),
            };
    }
}
