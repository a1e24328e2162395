using Portal.Domain.Catalog;
using Portal.Domain.Common;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Validates one document the way Backstage's catalog does (envelope, name rules, required spec
/// fields per kind) plus Portal's own rules, collecting every problem rather than stopping at the first.
/// Domain rules (title length, tags, links, URLs, e-mail, resilience ranges) are checked by running
/// the domain's own setters on a throw-away entity, so the importer cannot fail on them later.
/// </summary>
internal sealed partial class BackstageDocumentParser
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
    private bool _missingOwner;

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

        return new DocumentOutcome(entity, kind, key, entityRef, _errors, _notices, _targets) { MissingOwner = _missingOwner };
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
}
