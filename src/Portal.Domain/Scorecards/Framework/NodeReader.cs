using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Portal.Domain.Scorecards.Framework;

/// <summary>Turns a YAML tree into a <see cref="ScorecardFramework"/>, collecting every shape problem with its line.</summary>
internal sealed class NodeReader
{
    private static readonly HashSet<string> TopFields = ["version", "answerValidityDays", "criteria"];

    private static readonly HashSet<string> CriterionFields =
    [
        "key", "signal", "level", "mode", "check", "parameters", "question", "passAt", "evidenceCheck",
        "title", "why", "good", "fix", "effortDays", "effectiveFrom", "retired",
    ];

    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public List<FrameworkProblem> Problems { get; } = [];

    public int LineOf(string field) => _lines.TryGetValue(field, out var line) ? line : 0;

    public ScorecardFramework? ReadFramework(YamlNode root)
    {
        if (root is not YamlMappingNode map)
        {
            Add(root, "(document)", "must be a mapping with answerValidityDays and criteria");
            return null;
        }

        var fields = Fields(map, "", TopFields);
        var validity = 180;
        if (fields.TryGetValue("answerValidityDays", out var v))
        {
            validity = (int)(Number(v, "answerValidityDays") ?? validity);
        }

        var criteria = new List<CriterionDefinition>();
        if (!fields.TryGetValue("criteria", out var list))
        {
            Add(map, "criteria", "is required: the list of criteria");
        }
        else if (list is not YamlSequenceNode sequence)
        {
            Add(list, "criteria", "must be a list");
        }
        else
        {
            var i = 0;
            foreach (var item in sequence.Children)
            {
                if (ReadCriterion(item, Invariant($"criteria[{i}]")) is { } c)
                {
                    criteria.Add(c);
                }

                i++;
            }
        }

        return new ScorecardFramework(0, validity, criteria);
    }

    private CriterionDefinition? ReadCriterion(YamlNode node, string at)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, at, "must be a mapping of fields (key, signal, level, mode, title…)");
            return null;
        }

        var f = Fields(map, at + ".", CriterionFields);
        var key = Scalar(f, "key", at) ?? "";
        var signalText = Scalar(f, "signal", at);
        var signal = SignalKeys.Parse(signalText);
        if (signal is null)
        {
            Add(f.GetValueOrDefault("signal") ?? map, at + ".signal",
                (signalText is null ? "is required" : $"'{signalText}' is not a signal") + "; one of " + string.Join(", ", SignalKeys.All));
        }

        var levelText = Scalar(f, "level", at);
        var level = FrameworkNames.ParseLevel(levelText);
        if (level is null)
        {
            Add(f.GetValueOrDefault("level") ?? map, at + ".level", (levelText is null ? "is required" : $"'{levelText}' is not a level") + "; one of bronze, silver, gold");
        }

        var modeText = Scalar(f, "mode", at);
        var mode = FrameworkNames.ParseMode(modeText);
        if (mode is null)
        {
            Add(f.GetValueOrDefault("mode") ?? map, at + ".mode", (modeText is null ? "is required" : $"'{modeText}' is not a mode") + "; one of automatic, self-assessed, external");
        }

        Dictionary<string, double>? parameters = null;
        if (f.TryGetValue("parameters", out var p))
        {
            parameters = [];
            if (p is not YamlMappingNode pm)
            {
                Add(p, at + ".parameters", "must be a mapping of name: number");
            }
            else
            {
                foreach (var (k, value) in pm.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? "";
                    _lines[at + ".parameters." + name] = Line(k);
                    if (Number(value, at + ".parameters." + name) is { } number)
                    {
                        parameters[name] = number;
                    }
                }
            }
        }

        DateOnly? effective = null;
        if (Scalar(f, "effectiveFrom", at) is { } from)
        {
            if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                effective = d;
            }
            else
            {
                Add(f["effectiveFrom"], at + ".effectiveFrom", $"'{from}' is not a date like 2027-01-01");
            }
        }

        var retired = false;
        if (Scalar(f, "retired", at) is { } r && !bool.TryParse(r, out retired))
        {
            Add(f["retired"], at + ".retired", $"'{r}' is not true or false");
        }

        var effort = f.TryGetValue("effortDays", out var e) ? Number(e, at + ".effortDays") ?? 0 : 0;
        if (!f.ContainsKey("effortDays"))
        {
            Add(map, at + ".effortDays", "is required: the estimated effort in engineer-days");
        }

        var passAt = f.TryGetValue("passAt", out var pa) ? (int)(Number(pa, at + ".passAt") ?? 3) : 3;
        if (signal is null || level is null || mode is null)
        {
            return null;
        }

        return new CriterionDefinition(
            key, signal.Value, Scalar(f, "title", at) ?? "", level.Value, mode.Value,
            Scalar(f, "why", at) ?? "", Scalar(f, "good", at) ?? "", Scalar(f, "fix", at) ?? "", effort,
            Scalar(f, "check", at), parameters, Scalar(f, "question", at), passAt, Scalar(f, "evidenceCheck", at), effective, retired);
    }

    /// <summary>The fields of a mapping by name, with their lines remembered; unknown and repeated fields are problems.</summary>
    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string prefix, HashSet<string> allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, value) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            _lines[prefix + name] = Line(k);
            if (!allowed.Contains(name))
            {
                Add(k, prefix + name, "is not a known field; known fields are " + string.Join(", ", allowed));
            }
            else if (!fields.TryAdd(name, value))
            {
                Add(k, prefix + name, "appears twice");
            }
        }

        _lines[prefix.TrimEnd('.')] = Line(map);
        return fields;
    }

    private string? Scalar(Dictionary<string, YamlNode> fields, string name, string at)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value.Trim();
        }

        Add(node, at + "." + name, "must be a single value, not a list or mapping");
        return null;
    }

    private double? Number(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Add(node, field, $"'{(node as YamlScalarNode)?.Value}' is not a number");
        return null;
    }

    private void Add(YamlNode node, string field, string message) => Problems.Add(new FrameworkProblem(Line(node), field, message));

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
