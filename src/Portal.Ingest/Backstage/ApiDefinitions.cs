using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

/// <summary>
/// How API definitions that are not plain text are kept in <see cref="Portal.Domain.Catalog.Api.Definition"/>:
/// a <c>$text</c>/<c>$json</c>/<c>$yaml</c> placeholder as the one line <c>$text: ./openapi.yaml</c>, and the
/// <c>spec.remotes</c> of MCP and model servers as a small YAML document starting with <c>remotes:</c>.
/// Both are recognised again on export, so they round-trip.
/// </summary>
internal static partial class ApiDefinitions
{
    private const string RemotesKey = "remotes";

    [GeneratedRegex(@"^(\$text|\$json|\$yaml): (\S[^\n]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    // Backstage's MCP and model server APIs describe endpoints (spec.remotes) instead of a definition.
    private static readonly IReadOnlySet<string> RemoteTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mcp-server",
        "ai-model-server",
    };

    public static bool IsRemoteType(string type) => RemoteTypes.Contains(type.Trim());

    public static bool IsPlaceholderName(string? name) => name is "$text" or "$json" or "$yaml";

    public static string Placeholder(string name, string value) => $"{name}: {value.Trim()}";

    public static bool TryParsePlaceholder(string definition, out string name, out string value)
    {
        var match = PlaceholderPattern().Match(definition);
        name = match.Success ? match.Groups[1].Value : "";
        value = match.Success ? match.Groups[2].Value : "";
        return match.Success;
    }

    /// <summary>Reads <c>spec.remotes</c> (a non-empty list of mappings with type and url) into its stored form.</summary>
    public static string? ReadRemotes(YamlMappingNode spec, List<string> errors)
    {
        var node = BackstageYaml.Child(spec, RemotesKey);
        if (node is not YamlSequenceNode { Children.Count: > 0 } remotes)
        {
            errors.Add("spec.definition (or, for this type, spec.remotes) is required");
            return null;
        }

        var copy = new YamlSequenceNode();
        foreach (var item in remotes.Children)
        {
            if (item is not YamlMappingNode remote
                || remote.Children.Any(c => c.Key is not YamlScalarNode || c.Value is not YamlScalarNode)
                || BackstageYaml.IsNull(BackstageYaml.Child(remote, "type"))
                || BackstageYaml.IsNull(BackstageYaml.Child(remote, "url")))
            {
                errors.Add("spec.remotes entries must be mappings of strings with a type and a url");
                return null;
            }

            var entry = new YamlMappingNode();
            foreach (var (key, value) in remote.Children)
            {
                entry.Add(BackstageYaml.Scalar(((YamlScalarNode)key).Value!), BackstageYaml.Scalar(((YamlScalarNode)value).Value ?? ""));
            }

            copy.Add(entry);
        }

        return BackstageYaml.Write([new YamlMappingNode { { RemotesKey, copy } }]);
    }

    /// <summary>The remotes list again, when <paramref name="definition"/> is one written by <see cref="ReadRemotes"/>.</summary>
    public static YamlSequenceNode? TryParseRemotes(string definition)
    {
        if (!definition.StartsWith(RemotesKey + ":", StringComparison.Ordinal))
        {
            return null;
        }

        var (documents, error) = BackstageYaml.Load(definition);
        return error is null && documents is [{ RootNode: YamlMappingNode { Children.Count: 1 } root }]
            && BackstageYaml.Child(root, RemotesKey) is YamlSequenceNode remotes
            ? remotes
            : null;
    }
}
