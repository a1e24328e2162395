using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

// Reading single fields: text, lists, references, numbers, with a problem for each bad one.
internal sealed partial class BackstageDocumentParser
{
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

    /// <summary>
    /// <c>spec.owner</c>: a group, or a user as Backstage allows (kept as written; Portal lists such records as
    /// owned by a person, not a team). A missing owner is not an error here: the
    /// reader may fill it from the source (a repository's CODEOWNERS team) and rejects the entity if it cannot.
    /// </summary>
    private EntityKey? Owner(YamlMappingNode spec)
    {
        if (BackstageYaml.IsNull(BackstageYaml.Child(spec, "owner")))
        {
            _missingOwner = true;
            return null;
        }

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

        if (owner.Kind is not BackstageKinds.Group and not BackstageKinds.User)
        {
            _errors.Add($"spec.owner '{text}' is a {owner.Kind.ToLowerInvariant()}; an owner is a group (team) or a user");
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
