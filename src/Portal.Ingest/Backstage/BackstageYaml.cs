using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Portal.Ingest.Backstage;

/// <summary>Reading and writing multi-document YAML with YamlDotNet's representation model.</summary>
internal static partial class BackstageYaml
{
    /// <summary>
    /// A file that is not valid YAML, or that breaks one of the <see cref="YamlLimits"/>
    /// (<paramref name="IsLimit"/>): where the parser stopped (1-based) and why.
    /// </summary>
    public sealed record SyntaxError(int Document, int Line, int Column, string Message, bool IsLimit = false);

    /// <summary>Loads every document of <paramref name="content"/>, or says where it is broken or too big.</summary>
    public static (IReadOnlyList<YamlDocument> Documents, SyntaxError? Error) Load(string content, YamlLimits? limits = null)
    {
        var stream = new YamlStream();
        var parser = new BoundedYamlParser(new Parser(new StringReader(content)), limits ?? YamlLimits.Default);
        try
        {
            stream.Load(parser);
            return ([.. stream.Documents], null);
        }
        catch (YamlLimitException e)
        {
            return ([], LimitError(stream.Documents.Count + 1, e));
        }
        catch (YamlException e)
        {
            return ([], new SyntaxError(stream.Documents.Count + 1, (int)e.Start.Line, (int)e.Start.Column, BareMessage(e)));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18 throws this instead of a YamlException for some unterminated flow
            // collections; the last event the parser produced is the closest position we have.
            return ([.. stream.Documents], new SyntaxError(stream.Documents.Count + 1, (int)parser.LastEnd.Line, (int)parser.LastEnd.Column, e.Message));
        }
    }

    /// <summary>
    /// Hands <paramref name="each"/> the documents of <paramref name="content"/> one at a time, in order, and
    /// says where the text is broken, if it is. Only one document's nodes are alive at a time, so a file of
    /// ten thousand entities costs the memory of one (<see cref="Load"/> keeps them all). Documents before a
    /// syntax error have been handed over already; the caller decides what to do with them.
    /// </summary>
    public static SyntaxError? ForEachDocument(string content, Action<YamlDocument> each, YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(each);
        var parser = new BoundedYamlParser(new Parser(new StringReader(content)), limits ?? YamlLimits.Default);
        var loaded = 0;
        try
        {
            parser.Consume<StreamStart>();
        }
        catch (YamlException e)
        {
            return new SyntaxError(1, (int)e.Start.Line, (int)e.Start.Column, BareMessage(e));
        }

        while (true)
        {
            YamlDocument document;
            try
            {
                if (parser.TryConsume<StreamEnd>(out _))
                {
                    return null;
                }

                // A stream of exactly one document, so YamlStream builds that document's nodes and no more.
                var single = new YamlStream();
                single.Load(new OneDocumentParser(parser));
                document = single.Documents[0];
            }
            catch (YamlLimitException e)
            {
                return LimitError(loaded + 1, e);
            }
            catch (YamlException e)
            {
                return new SyntaxError(loaded + 1, (int)e.Start.Line, (int)e.Start.Column, BareMessage(e));
            }
            catch (InvalidOperationException e)
            {
                // As in Load: YamlDotNet 18 throws this for some unterminated flow collections.
                return new SyntaxError(loaded + 1, (int)parser.LastEnd.Line, (int)parser.LastEnd.Column, e.Message);
            }

            loaded++;
            each(document);
        }
    }

    /// <summary>A plain scalar that YAML reads as null (<c>~</c>, <c>null</c>, nothing), or no node at all.</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
            && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL"));

    public static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: var name } && name == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>
    /// A string scalar: literal when multi-line, quoted when a YAML reader (Backstage's included) would
    /// otherwise take it for a null, a boolean, a number or a date, e.g. the annotation value <c>"1"</c>.
    /// </summary>
    public static YamlScalarNode Scalar(string value)
    {
        var style = value.Contains('\n', StringComparison.Ordinal)
            ? ScalarStyle.Literal
            : value.Trim().Length == 0 || LooksTyped().IsMatch(value)
                ? ScalarStyle.DoubleQuoted
                : ScalarStyle.Any;
        return new YamlScalarNode(value) { Style = style };
    }

    /// <summary>A number or boolean written as such (Portal's own extension fields).</summary>
    public static YamlScalarNode Typed(string value) => new(value) { Style = ScalarStyle.Plain };

    public static YamlSequenceNode FlowSequence(IEnumerable<string> items) =>
        new(items.Select(Scalar)) { Style = SequenceStyle.Flow };

    public static YamlSequenceNode BlockSequence(IEnumerable<YamlNode> items) =>
        new(items) { Style = SequenceStyle.Block };

    /// <summary>Writes documents separated by <c>---</c>, without document-end markers.</summary>
    public static string Write(IEnumerable<YamlNode> documents)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var root in documents)
        {
            if (!first)
            {
                text.Append("---\n");
            }

            first = false;
            using var writer = new StringWriter { NewLine = "\n" };
            new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
            var doc = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
            if (doc.EndsWith("...\n", StringComparison.Ordinal))
            {
                doc = doc[..^4];
            }

            text.Append(doc);
        }

        return text.ToString();
    }

    // YAML 1.1 and 1.2 implicit types: null, booleans (yes/no/on/off too), numbers in any base, dates.
    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\.inf|\.nan)|0x[0-9a-f_]+|0o[0-7_]+|[-+]?[0-9][0-9_.:e+-]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooksTyped();

    private static SyntaxError LimitError(int document, YamlLimitException e) =>
        new(document, (int)e.At.Line, (int)e.At.Column, e.Message, IsLimit: true);

    // YamlException messages start with "(Line: 3, Col: 1, Idx: 20) - (…): "; the position is reported separately.
    private static string BareMessage(YamlException e)
    {
        var marker = e.Message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && e.Message.StartsWith('(') ? e.Message[(marker + 3)..] : e.Message;
    }

    /// <summary>
    /// Shows the next document of <paramref name="inner"/> as a stream of its own: a made-up stream start,
    /// the document's events up to its end, and a made-up stream end. The real parser stays just after
    /// the document, ready for the next one.
    /// </summary>
    private sealed class OneDocumentParser(IParser inner) : IParser
    {
        private int _state; // 0 before the start, 1 stream start, 2 inside the document, 3 stream end, 4 done

        public ParsingEvent? Current => _state switch
        {
            1 => new StreamStart(),
            2 => inner.Current,
            3 => new StreamEnd(),
            _ => null,
        };

        public bool MoveNext()
        {
            switch (_state)
            {
                case 0:
                    _state = 1;
                    return true;
                case 1:
                    // The real parser's Current is the next document's start (or null before the first read).
                    if (inner.Current is null && !inner.MoveNext())
                    {
                        throw new InvalidOperationException("the YAML stream ended where a document was expected");
                    }

                    _state = 2;
                    return true;
                case 2:
                    if (inner.Current is DocumentEnd)
                    {
                        inner.MoveNext();
                        _state = 3;
                        return true;
                    }

                    if (!inner.MoveNext())
                    {
                        throw new InvalidOperationException("the YAML stream ended inside a document");
                    }

                    return true;
                case 3:
                    _state = 4;
                    return false;
                default:
                    return false;
            }
        }
    }
}
