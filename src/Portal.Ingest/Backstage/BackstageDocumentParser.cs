using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

/// <summary>What one YAML document turned out to be.</summary>
internal sealed record DocumentOutcome(
    BackstageEntity? Entity,
    string? Kind,
    EntityKey? Key,
    string? EntityRef,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notices,
    IReadOnlyList<string> LocationTargets)
{
    public bool IsLocation => Kind == BackstageKinds.Location;
}

/// <summary>
/// Validates one document the way Backstage's catalog does (envelope, name rules, required spec
/// fields per kind) plus Portal's own rules, collecting every problem rather than stopping at the first.
/// Domain rules (title length, tags, links, URLs, e-mail, resilience ranges) are checked by running
/// the domain's own setters on a throw-away entity, so the importer cannot fail on them later.
/// </summary>
internal sealed class BackstageDocumentParser
{
    public static readonly IReadOnlySet<string> ApiVersions = new HashSet<string>(StringComparer.Ordinal)
    {
        "backstage.io/v1alpha1",
        "backstage.io/v1beta1",
    };

    private static readonly string[] InteractionFields =
        ["target", "kind", "timeoutMs", "retries", "backoff", "circuitBreaker", "fallback", "bulkhead", "criticality", "access"];

    private readonly List<string> _errors = [];
    private readonly List<string> _notices = [];
    private readonly List<string> _targets = [];
    private readonly string _file;
    private readonly int _document;
    private readonly YamlNode? _root;
    private string _namespace = CatalogName.DefaultNamespace;

    public BackstageDocumentParser(string file, int document, YamlNode? root)
    {
        _file = file;
        _document = document;
        _root = root;
    }

    /// <summary>Null for an empty document (e.g. after a trailing <c>---</c>).</summary>
    public DocumentOutcome? Parse()
    {
        if (BackstageYaml.IsNull(_root))
        {
            return null;
        }

        if (_root is not YamlMappingNode root)
        {
            return Outcome(null, null, null, null, error: "the document is not a mapping (apiVersion, kind, metadata, spec)");
        }

        var apiVersion = Text(root, "apiVersion", "");
        var kindText = Text(root, "kind", "");
        if (apiVersion is null && kindText is null)
        {
            _notices.Add("not a Backstage entity (no apiVersion or kind); skipped");
            return Outcome(null, null, null, null);
        }

        var kind = BackstageKinds.Canonical(kindText);
        var metadata = Mapping(root, "metadata", "", required: kind is not null);
        var rawName = metadata is null ? null : Text(metadata, "name", "metadata", required: kind is not null);
        var rawNamespace = metadata is null ? null : Text(metadata, "namespace", "metadata");
        var displayRef = $"{(kind ?? kindText ?? "?").ToLowerInvariant()}:{(string.IsNullOrWhiteSpace(rawNamespace) ? CatalogName.DefaultNamespace : rawNamespace)}/{rawName ?? "?"}";

        if (kindText is null)
        {
            return Outcome(null, null, null, displayRef, error: "kind is required");
        }

        if (kind is null)
        {
            _errors.Clear();
            _notices.Add($"kind '{kindText}' is not one Portal imports; skipped");
            return Outcome(null, null, null, displayRef);
        }

        if (apiVersion is null)
        {
            _errors.Add("apiVersion is required");
        }
        else if (!ApiVersions.Contains(apiVersion))
        {
            _errors.Add($"apiVersion '{apiVersion}' is not supported for {kind}; use {string.Join(" or ", ApiVersions)}");
        }

        EntityKey? key = null;
        if (metadata is not null && rawName is not null)
        {
            var nameProblem = CatalogName.Validate(rawName);
            if (nameProblem is not null)
            {
                _errors.Add($"metadata.name: {nameProblem}");
            }

            var nsProblem = string.IsNullOrWhiteSpace(rawNamespace) ? null : CatalogName.Validate(rawNamespace);
            if (nsProblem is not null)
            {
                _errors.Add($"metadata.namespace: {nsProblem}");
            }
            else if (!string.IsNullOrWhiteSpace(rawNamespace))
            {
                _namespace = rawNamespace;
            }

            if (nameProblem is null && nsProblem is null)
            {
                key = new EntityKey(kind, _namespace, rawName);
            }
        }

        if (kind == BackstageKinds.Location)
        {
            ParseLocation(root);
            return Outcome(null, kind, key, displayRef);
        }

        var common = metadata is null ? null : ReadMetadata(metadata);
        var spec = Mapping(root, "spec", "", required: true);
        BackstageEntity? entity = null;
        if (common is not null && spec is not null)
        {
            // With a bad name the spec is still checked, under a stand-in key, so every problem is reported at once.
            var parseKey = key ?? new EntityKey(kind, _namespace, "unnamed");
            entity = kind switch
            {
                BackstageKinds.Component => ParseComponent(parseKey, common, spec),
                BackstageKinds.Api => ParseApi(parseKey, common, spec),
                BackstageKinds.Resource => ParseResource(parseKey, common, spec),
                BackstageKinds.System => ParseSystem(parseKey, common, spec),
                BackstageKinds.Domain => ParseDomain(parseKey, common, spec),
                BackstageKinds.Group => ParseGroup(parseKey, common, spec),
                _ => ParseUser(parseKey, common, spec),
            };
        }

        return Outcome(_errors.Count == 0 ? entity : null, kind, key, key?.ToString() ?? displayRef);
    }

    private DocumentOutcome Outcome(BackstageEntity? entity, string? kind, EntityKey? key, string? entityRef, string? error = null)
    {
        if (error is not null)
        {
            _errors.Add(error);
        }

        return new DocumentOutcome(entity, kind, key, entityRef, _errors, _notices, _targets);
    }

    private void ParseLocation(YamlMappingNode root)
    {
        var spec = Mapping(root, "spec", "", required: true);
        if (spec is null)
        {
            return;
        }

        var target = Text(spec, "target", "spec");
        var targets = TextList(spec, "targets", "spec") ?? [];
        if (target is null && targets.Count == 0)
        {
            _errors.Add("spec.target or spec.targets is required");
            return;
        }

        _targets.AddRange(target is null ? targets : [target, .. targets]);
    }

    private sealed record Metadata(string? Title, string? Description, Dictionary<string, string> Annotations, IReadOnlyList<string> Tags, IReadOnlyList<ServiceLink> Links);

    private Metadata ReadMetadata(YamlMappingNode metadata)
    {
        var title = Text(metadata, "title", "metadata");
        var description = Text(metadata, "description", "metadata");
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = Mapping(metadata, "annotations", "metadata");
        if (map is not null)
        {
            foreach (var (k, v) in map.Children)
            {
                if (k is not YamlScalarNode { Value: { Length: > 0 } name })
                {
                    _errors.Add("metadata.annotations: keys must be strings");
                    continue;
                }

                if (v is not YamlScalarNode { Value: var value } || value is null)
                {
                    _errors.Add($"metadata.annotations.{name} must be a string");
                    continue;
                }

                annotations[name] = value;
            }
        }

        var tags = TextList(metadata, "tags", "metadata") ?? [];
        var links = new List<ServiceLink>();
        foreach (var item in Sequence(metadata, "links", "metadata"))
        {
            if (item is not YamlMappingNode link)
            {
                _errors.Add("metadata.links entries must be mappings with a url");
                continue;
            }

            var url = Text(link, "url", "metadata.links[]", required: true);
            if (url is not null)
            {
                links.Add(new ServiceLink(url.Trim(), NullIfBlank(Text(link, "title", "metadata.links[]")), NullIfBlank(Text(link, "type", "metadata.links[]"))));
            }
        }

        return new Metadata(title, description, annotations, tags, links);
    }

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

        if (scratch is null || type is null || lifecycle is null || owner is null)
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

        if (scratch is null || type is null || lifecycle is null || owner is null || definition is null)
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

        if (scratch is null || type is null || owner is null)
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

        return scratch is null || owner is null
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

        return scratch is null || owner is null
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
        var scratch = Validate(() =>
        {
            var person = new Person(key.Name, title, email, key.Namespace);
            person.Describe(title, meta.Description);
            return person;
        });

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
                MemberOf = memberOf.Distinct().ToList(),
            };
    }

    private Lifecycle? ParseLifecycle(YamlMappingNode spec)
    {
        var text = Text(spec, "lifecycle", "spec", required: true);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "experimental":
                return Lifecycle.Experimental;
            case "production":
                return Lifecycle.Production;
            case "deprecated":
                return Lifecycle.Deprecated;
            default:
                _errors.Add($"spec.lifecycle '{text}' is not one of experimental, production, deprecated");
                return null;
        }
    }

    /// <summary><c>spec.owner</c>: required, and a group; Portal has no user-owned records.</summary>
    private EntityKey? Owner(YamlMappingNode spec)
    {
        var text = Text(spec, "owner", "spec", required: true);
        if (text is null)
        {
            return null;
        }

        var owner = EntityRefs.TryParse(text, BackstageKinds.Group, _namespace, out var error);
        if (owner is null)
        {
            _errors.Add($"spec.owner: {error}");
            return null;
        }

        if (owner.Kind != BackstageKinds.Group)
        {
            _errors.Add($"spec.owner '{text}' is a {owner.Kind.ToLowerInvariant()}; Portal needs a group (team) as owner");
            return null;
        }

        return owner;
    }

    private EntityKey? Ref(YamlMappingNode spec, string field, string defaultKind, string? only = null)
    {
        var text = Text(spec, field, "spec");
        if (text is null)
        {
            return null;
        }

        var key = EntityRefs.TryParse(text, defaultKind, _namespace, out var error);
        if (key is null)
        {
            _errors.Add($"spec.{field}: {error}");
            return null;
        }

        if (key.Kind != (only ?? defaultKind))
        {
            _errors.Add($"spec.{field} '{text}' must refer to a {(only ?? defaultKind).ToLowerInvariant()}");
            return null;
        }

        return key;
    }

    private List<EntityKey>? Refs(YamlMappingNode spec, string field, string defaultKind, bool required, string? only)
    {
        var texts = TextList(spec, field, "spec", required);
        if (texts is null)
        {
            return null;
        }

        var keys = new List<EntityKey>();
        foreach (var text in texts)
        {
            var key = EntityRefs.TryParse(text, defaultKind, _namespace, out var error);
            if (key is null)
            {
                _errors.Add($"spec.{field}: {error}");
            }
            else if (only is not null && key.Kind != only)
            {
                _errors.Add($"spec.{field} '{text}' must refer to a {only.ToLowerInvariant()}");
            }
            else
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private int? ReadTier(Dictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(PortalAnnotations.Tier, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tier))
        {
            return tier;
        }

        _errors.Add($"{PortalAnnotations.Tier} '{text}' must be 1, 2 or 3");
        return null;
    }

    private string? ReadRepository(Dictionary<string, string> annotations)
    {
        if (annotations.TryGetValue(PortalAnnotations.Repository, out var url))
        {
            return url;
        }

        if (!annotations.TryGetValue(PortalAnnotations.GitHubProjectSlug, out var slug))
        {
            return null;
        }

        var parts = slug.Trim().Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            _errors.Add($"{PortalAnnotations.GitHubProjectSlug} '{slug}' must look like 'org/repository'");
            return null;
        }

        return $"https://github.com/{parts[0]}/{parts[1]}";
    }

    private static Dictionary<string, string> WithoutReserved(Dictionary<string, string> annotations) =>
        annotations.Where(a => !PortalAnnotations.IsReserved(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private T? Validate<T>(Func<T> build, string? path = null)
        where T : class
    {
        try
        {
            return build();
        }
        catch (DomainValidationException e)
        {
            _errors.Add(path is null ? $"{e.Field}: {e.Reason}" : $"{path}.{e.Field}: {e.Reason}");
            return null;
        }
    }

    private void CheckLength(string? value, int max, string field)
    {
        if (value is not null && value.Trim().Length > max)
        {
            _errors.Add($"{field} is longer than {max} characters");
        }
    }

    private string? Text(YamlMappingNode map, string key, string path, bool required = false)
    {
        var node = BackstageYaml.Child(map, key);
        var field = path.Length == 0 ? key : $"{path}.{key}";
        if (BackstageYaml.IsNull(node))
        {
            if (required)
            {
                _errors.Add($"{field} is required");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            _errors.Add($"{field} must be a string");
            return null;
        }

        if (required && value.Trim().Length == 0)
        {
            _errors.Add($"{field} must not be empty");
            return null;
        }

        return value;
    }

    private List<string>? TextList(YamlMappingNode map, string key, string path, bool required = false)
    {
        var node = BackstageYaml.Child(map, key);
        var field = $"{path}.{key}";
        if (BackstageYaml.IsNull(node))
        {
            if (required)
            {
                _errors.Add($"{field} is required (it may be an empty list)");
            }

            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            _errors.Add($"{field} must be a list");
            return null;
        }

        var result = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value } && !BackstageYaml.IsNull(item))
            {
                result.Add(value);
            }
            else
            {
                _errors.Add($"{field} entries must be non-empty strings");
            }
        }

        return result;
    }

    private YamlMappingNode? Mapping(YamlMappingNode map, string key, string path, bool required = false)
    {
        var node = BackstageYaml.Child(map, key);
        var field = path.Length == 0 ? key : $"{path}.{key}";
        if (BackstageYaml.IsNull(node))
        {
            if (required)
            {
                _errors.Add($"{field} is required");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        _errors.Add($"{field} must be a mapping");
        return null;
    }

    private IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key, string path)
    {
        var node = BackstageYaml.Child(map, key);
        if (BackstageYaml.IsNull(node))
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        _errors.Add($"{path}.{key} must be a list");
        return [];
    }

    private T? Choice<T>(YamlMappingNode map, string key, string path, Func<string, T?> parse, string allowed)
        where T : struct
    {
        var text = Text(map, key, path);
        if (text is null)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            _errors.Add($"{path}.{key} '{text}' is not one of {allowed}");
        }

        return value;
    }

    private int? Integer(YamlMappingNode map, string key, string path)
    {
        var text = Text(map, key, path);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _errors.Add($"{path}.{key} '{text}' is not a whole number");
        return null;
    }

    private bool? Boolean(YamlMappingNode map, string key, string path)
    {
        var text = Text(map, key, path);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                _errors.Add($"{path}.{key} '{text}' is not true or false");
                return null;
        }
    }

    private static Criticality? ParseCriticality(string text) => text.Trim().ToLowerInvariant() switch
    {
        "low" => Criticality.Low,
        "medium" => Criticality.Medium,
        "high" => Criticality.High,
        _ => null,
    };

    private static ResourceAccess? ParseAccess(string text) => text.Trim().ToLowerInvariant() switch
    {
        "read" => ResourceAccess.Read,
        "write" => ResourceAccess.Write,
        "read-write" or "readwrite" => ResourceAccess.ReadWrite,
        _ => null,
    };

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
