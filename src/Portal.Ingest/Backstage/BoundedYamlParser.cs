using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Passes YamlDotNet's parser events through, checking <see cref="YamlLimits"/> on each one before anything
/// builds a node from it. YamlDotNet's scanner and parser keep their state on the heap (a state stack, not
/// recursion), so a hostile file costs no more than reading its events up to the first breach; what
/// recursed (node building, hashing mapping keys, walking aliases) never sees more than the limits allow.
/// Also remembers where the last event ended, for errors YamlDotNet reports without a position.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner, YamlLimits limits) : IParser
{
    private readonly List<Frame> _open = [];
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private long _documentStart;
    private long _nodes;
    private int _aliases;

    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastEnd = current.End;
            Check(current);
        }

        return moved;
    }

    private void Check(ParsingEvent e)
    {
        switch (e)
        {
            case DocumentStart:
                _open.Clear();
                _anchorSizes.Clear();
                _nodes = 0;
                _aliases = 0;
                _documentStart = e.Start.Index;
                return;
            case SequenceEnd or MappingEnd:
                Close();
                break;
            case AnchorAlias alias:
                Alias(alias);
                break;
            case NodeEvent node:
                Node(node);
                break;
        }

        if (e.End.Index - _documentStart > limits.MaxDocumentChars)
        {
            throw new YamlLimitException(e.Start, $"the document is longer than {Number(limits.MaxDocumentChars)} characters");
        }
    }

    private void Node(NodeEvent node)
    {
        RefuseComplexKey(node, node is Scalar ? null : "a list or mapping");
        Count(node, 1);
        var anchor = node.Anchor.IsEmpty ? null : node.Anchor.Value;
        if (node is SequenceStart or MappingStart)
        {
            _open.Add(new Frame(node is MappingStart, _nodes - 1, anchor));
            if (_open.Count > limits.MaxDepth)
            {
                throw new YamlLimitException(node.Start, $"lists and mappings are nested more than {limits.MaxDepth} levels deep");
            }
        }
        else if (anchor is not null)
        {
            _anchorSizes[anchor] = 1;
        }
    }

    private void Alias(AnchorAlias alias)
    {
        RefuseComplexKey(alias, "an alias");
        if (++_aliases > limits.MaxAliases)
        {
            throw new YamlLimitException(alias.Start, $"the document uses more than {Number(limits.MaxAliases)} aliases");
        }

        var name = alias.Value.Value;
        if (_open.Any(f => f.Anchor == name))
        {
            throw new YamlLimitException(alias.Start, $"the alias *{name} is inside the node it stands for (a cycle)");
        }

        // An unknown anchor is left to YamlDotNet, which reports it; it stands for nothing here.
        Count(alias, _anchorSizes.GetValueOrDefault(name, 1));
    }

    private void Close()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var frame = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        if (frame.Anchor is not null)
        {
            _anchorSizes[frame.Anchor] = _nodes - frame.NodesBefore;
        }
    }

    /// <summary>
    /// Mapping keys must be plain text. YamlDotNet hashes and compares keys by their whole content, so a
    /// list, a mapping or an alias as a key makes every insertion walk it, which is how a small file kept a
    /// worker busy; no Backstage field is ever keyed that way.
    /// </summary>
    private void RefuseComplexKey(ParsingEvent e, string? what)
    {
        if (_open.Count == 0 || !_open[^1].IsMapping)
        {
            return;
        }

        var frame = _open[^1];
        var isKey = frame.Children % 2 == 0;
        frame.Children++;
        if (isKey && what is not null)
        {
            throw new YamlLimitException(e.Start, $"{what} is used as a mapping key; keys must be plain text");
        }
    }

    private void Count(ParsingEvent e, long nodes)
    {
        _nodes += nodes;
        if (_nodes > limits.MaxNodes)
        {
            throw new YamlLimitException(e.Start, $"the document holds more than {Number(limits.MaxNodes)} values once its aliases are expanded");
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class Frame(bool isMapping, long nodesBefore, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public long NodesBefore { get; } = nodesBefore;

        public string? Anchor { get; } = anchor;

        public int Children { get; set; }
    }
}
