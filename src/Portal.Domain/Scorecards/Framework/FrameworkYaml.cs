using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Portal.Domain.Scorecards.Framework;

/// <summary>
/// The framework as YAML, so it can live in a repository and be reviewed: <see cref="Parse"/> reads it and
/// names the line and field of every problem; <see cref="Write"/> writes it back in the same shape. The
/// default framework that ships with Portal is such a file (<c>default-framework.yaml</c>).
/// </summary>
public static class FrameworkYaml
{
    /// <summary>Larger input is refused before it is parsed.</summary>
    public const int MaxLength = 512 * 1024;

    /// <summary>Deeper nesting is refused before a tree is built, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 8;

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<ScorecardFramework> DefaultFramework = new(() =>
    {
        using var stream = typeof(FrameworkYaml).Assembly.GetManifestResourceStream("Portal.Domain.Scorecards.default-framework.yaml")
            ?? throw new InvalidOperationException("The default framework is missing from the Portal.Domain assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd()).WithVersion(1);
    });

    /// <summary>The framework that ships with Portal, as version 1.</summary>
    public static ScorecardFramework Default => DefaultFramework.Value;

    /// <summary>Reads a framework (version 0: the caller numbers it when saving).</summary>
    /// <exception cref="FrameworkValidationException">Every problem found, each with its line and field.</exception>
    public static ScorecardFramework Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxLength)
        {
            throw Problem(0, "(document)", Invariant($"is {yaml.Length:N0} characters long; at most {MaxLength:N0} are allowed"));
        }

        var root = Load(yaml);
        var reader = new NodeReader();
        var framework = reader.ReadFramework(root);
        // A criterion the reader could not build is already reported; "no criteria" would only repeat it.
        var rules = framework is null ? [] : FrameworkRules.Validate(framework, reader.LineOf).Where(p => reader.Problems.Count == 0 || p.Field != "criteria");
        var problems = reader.Problems.Concat(rules).ToList();
        if (problems.Count > 0 || framework is null)
        {
            throw new FrameworkValidationException(problems);
        }

        return framework;
    }

    /// <summary>Writes <paramref name="framework"/> as YAML that <see cref="Parse"/> reads back to the same criteria.</summary>
    public static string Write(ScorecardFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var text = new StringBuilder();
        text.Append("# Portal scaling-readiness framework, version ").Append(framework.Version.ToString(CultureInfo.InvariantCulture))
            .Append(". Edit and PUT it back to /api/v1/framework; docs/scorecards.md explains every field.\n");
        text.Append("answerValidityDays: ").Append(framework.AnswerValidityDays.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("criteria:\n");
        foreach (var c in framework.Criteria)
        {
            text.Append("  - key: ").Append(c.Key).Append('\n');
            Line(text, "signal", SignalKeys.Key(c.Signal));
            Line(text, "level", c.Level.ToString().ToLowerInvariant());
            Line(text, "mode", FrameworkNames.Mode(c.Mode));
            if (c.Check is not null)
            {
                Line(text, "check", c.Check);
            }

            if (c.Parameters is { Count: > 0 } parameters)
            {
                Line(text, "parameters", "{ " + string.Join(", ", parameters.Select(p => p.Key + ": " + p.Value.ToString("R", CultureInfo.InvariantCulture))) + " }");
            }

            if (c.Question is not null)
            {
                Line(text, "question", Quote(c.Question));
                Line(text, "passAt", c.PassAt.ToString(CultureInfo.InvariantCulture));
            }

            if (c.EvidenceCheck is not null)
            {
                Line(text, "evidenceCheck", c.EvidenceCheck);
            }

            Line(text, "title", Quote(c.Title));
            Line(text, "why", Quote(c.Why));
            Line(text, "good", Quote(c.Good));
            Line(text, "fix", Quote(c.Fix));
            Line(text, "effortDays", c.EffortDays.ToString("R", CultureInfo.InvariantCulture));
            if (c.EffectiveFrom is { } from)
            {
                Line(text, "effectiveFrom", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (c.Retired)
            {
                Line(text, "retired", "true");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string field, string value) => text.Append("    ").Append(field).Append(": ").Append(value).Append('\n');

    // A JSON string is a valid YAML double-quoted scalar.
    private static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);

    private static YamlNode Load(string yaml)
    {
        try
        {
            // First pass over events only: refuse aliases and deep nesting before any tree is built.
            var parser = new Parser(new StringReader(yaml));
            var depth = 0;
            var documents = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        throw Problem((int)alias.Start.Line, "(document)", "aliases (*name) are not allowed in a framework");
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart or SequenceStart:
                        depth++;
                        if (depth > MaxDepth)
                        {
                            throw Problem((int)parser.Current.Start.Line, "(document)", Invariant($"nests deeper than {MaxDepth} levels"));
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }

            if (documents != 1)
            {
                throw Problem(1, "(document)", Invariant($"must hold exactly one YAML document, not {documents}"));
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = e.Message;
            var close = message.IndexOf("): ", StringComparison.Ordinal);
            throw Problem((int)e.Start.Line, "(syntax)", close >= 0 ? message[(close + 3)..] : message);
        }
        catch (InvalidOperationException e)
        {
            throw Problem(0, "(syntax)", e.Message);
        }
    }

    private static FrameworkValidationException Problem(int line, string field, string message) =>
        new([new FrameworkProblem(line, field, message)]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
