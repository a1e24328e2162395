using System.Text;

namespace Portal.Testing;

/// <summary>
/// Catalog files built to hurt a YAML reader, generated (deterministically) rather than kept as data:
/// each is a valid-looking Backstage Component whose last field is the attack.
/// </summary>
public static class HostileYaml
{
    /// <summary>The line of <see cref="Nested"/> that holds the nesting.</summary>
    public const int NestedLine = 9;

    private const string Head = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {0}
        spec:
          type: service
          lifecycle: production
          owner: payments

        """;

    /// <summary>
    /// About 600 KB: a tag list of 300,000 lists nested in each other (<c>[[[[…]]]]</c>). Before YAML
    /// limits, building its nodes overflowed the stack and killed the process (exit 134).
    /// </summary>
    public static string Nested(string name = "deep", int depth = 300_000)
    {
        var text = new StringBuilder(depth * 2 + 300);
        text.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, name).TrimEnd('\n'));
        text.Append("\n  tags: ").Append('[', depth).Append(']', depth).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// "Billion laughs": ten anchors, each a list of nine aliases to the previous one, so the last stands
    /// for 9^10 (about 3.5 billion) strings; the last is then used as a mapping key, which makes YamlDotNet
    /// hash the whole expansion. Under 1 KB of text; before YAML limits it kept a worker busy for minutes.
    /// </summary>
    public static string AliasBomb(string name = "bomb")
    {
        var text = new StringBuilder(string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, name).TrimEnd('\n'));
        text.Append("\n  laughs:\n    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append("    a").Append(i).Append(": &a").Append(i).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        text.Append("  ? *a9\n  : boom\n");
        return text.ToString();
    }
}
