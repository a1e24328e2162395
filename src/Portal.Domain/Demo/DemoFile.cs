using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Domain.Demo;

/// <summary>
/// Reads a demo data file embedded next to the code that loads it: <c>OnCall/Demo/rotations.yaml</c> is read by
/// a type in <c>Portal.Domain.OnCall.Demo</c> as <c>Read&lt;T&gt;(typeof(OnCallDemoData), "rotations.yaml")</c>.
/// Keys are camelCase; a key the model does not know fails the load, naming it.
/// </summary>
public static class DemoFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>The file's text: the resource <c>{namespace of <paramref name="anchor"/>}.{<paramref name="fileName"/>}</c>.</summary>
    public static string Text(Type anchor, string fileName)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var name = $"{anchor.Namespace}.{fileName}";
        using var stream = anchor.Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo data file '{name}' is not embedded in {anchor.Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file deserialised into <typeparamref name="T"/>.</summary>
    public static T Read<T>(Type anchor, string fileName)
    {
        try
        {
            return Yaml.Deserialize<T>(Text(anchor, fileName));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"The demo data file {fileName} is not valid at line {e.Start.Line}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The resources of <paramref name="assembly"/> whose names start with <paramref name="prefix"/> and end with
    /// <paramref name="extension"/>, without the prefix, sorted.
    /// </summary>
    public static IReadOnlyList<string> List(Assembly assembly, string prefix, string extension) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)];
}
