using Portal.Ingest.Backstage;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.GitHub;

/// <summary>
/// When a repository's catalog file names no owner for an entity that needs one, the team its
/// CODEOWNERS names for the whole repository becomes the owner (the file still wins when it names one).
/// </summary>
public static class CatalogOwnerFallback
{
    private static readonly HashSet<string> NeedOwner = new(StringComparer.OrdinalIgnoreCase) { "Component", "API", "Resource", "System", "Domain" };

    /// <summary>
    /// Returns <paramref name="yaml"/> with <c>spec.owner: team</c> added to every document of a kind that
    /// needs an owner and has none; unchanged text when nothing was missing, or the YAML does not parse or
    /// breaks Portal's <see cref="YamlLimits"/> (the importer then reports the problem with file and line).
    /// </summary>
    public static string Apply(string yaml, string team)
    {
        var (documents, error) = BackstageYaml.Load(yaml);
        if (error is not null)
        {
            return yaml;
        }

        var stream = new YamlStream([.. documents]);
        var added = false;
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("kind"), out var kind) || kind is not YamlScalarNode { Value: { } kindName }
                || !NeedOwner.Contains(kindName))
            {
                continue;
            }

            if (!root.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode))
            {
                specNode = new YamlMappingNode();
                root.Children[new YamlScalarNode("spec")] = specNode;
            }

            if (specNode is YamlMappingNode spec && !spec.Children.ContainsKey(new YamlScalarNode("owner")))
            {
                spec.Children[new YamlScalarNode("owner")] = new YamlScalarNode(team);
                added = true;
            }
        }

        if (!added)
        {
            return yaml;
        }

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
