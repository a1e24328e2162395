using System.Collections.Concurrent;
using Portal.Domain.Graph;

namespace Portal.Domain.Debt;

/// <summary>
/// How many services fail when any of a debt item's services fails: the union of their blast radii, counted the
/// way the graph's blast radius counts (failure travels from callee to caller over synchronous calls without a
/// fallback, and over shared-database use). Built once per graph version. Services that fail together form strongly
/// connected components of those edges, so the walk goes over components, not services: counting a set is a short
/// walk even where one knot holds most of the catalog. Counts are cached per set of services.
/// </summary>
public sealed class DebtBlastRadius
{
    /// <summary>How many services of the radius an explanation names.</summary>
    public const int ExampleSize = 3;

    private readonly DependencyGraph _graph;
    private readonly int[] _component;
    private readonly int[] _size;
    private readonly int[] _memberOffsets;
    private readonly int[] _members;
    private readonly int[][] _callers;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public DebtBlastRadius(DependencyGraph graph, long graphVersion)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        GraphVersion = graphVersion;

        var spreads = new bool[graph.EdgeCount];
        for (var e = 0; e < spreads.Length; e++)
        {
            spreads[e] = GraphAnalysis.Spreads(graph, e, BlastRadiusOptions.Default);
        }

        _component = StronglyConnected.Components(graph, spreads, out var count);
        _size = new int[count];
        foreach (var c in _component)
        {
            _size[c]++;
        }

        // Members of each component in one flat array (counting sort), for naming examples.
        _memberOffsets = new int[count + 1];
        for (var c = 0; c < count; c++)
        {
            _memberOffsets[c + 1] = _memberOffsets[c] + _size[c];
        }

        _members = new int[graph.NodeCount];
        var cursor = _memberOffsets[..count];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            _members[cursor[_component[v]]++] = v;
        }

        // For each component, the distinct components with an edge into it that carries the failure.
        var callers = new List<int>?[count];
        var last = new int[count];
        Array.Fill(last, -1);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var edges = graph.IncomingEdges(v);
            var from = graph.Callers(v);
            var c = _component[v];
            for (var i = 0; i < edges.Length; i++)
            {
                var d = _component[from[i]];
                if (spreads[edges[i]] && d != c && last[d] != c)
                {
                    last[d] = c;
                    (callers[c] ??= []).Add(d);
                }
            }
        }

        _callers = [.. callers.Select(l => l?.ToArray() ?? [])];
    }

    /// <summary>The graph version this was built from.</summary>
    public long GraphVersion { get; }

    /// <summary>
    /// The union of the blast radii of <paramref name="serviceRefs"/>, the services themselves left out; null when
    /// none of them is in the graph (the score then says "no graph"). With <paramref name="withExample"/>, names up
    /// to <see cref="ExampleSize"/> of them, nearest first.
    /// </summary>
    public BlastRadiusCount? Count(IEnumerable<string> serviceRefs, bool withExample = false)
    {
        var start = new SortedSet<int>();
        foreach (var r in serviceRefs)
        {
            if (_graph.TryGetIndex(r, out var node))
            {
                start.Add(node);
            }
        }

        if (start.Count == 0)
        {
            return null;
        }

        if (!withExample)
        {
            var key = string.Join(',', start);
            return new BlastRadiusCount(_counts.GetOrAdd(key, _ => Walk(start, null)), GraphVersion, []);
        }

        var example = new List<string>(ExampleSize);
        return new BlastRadiusCount(Walk(start, example), GraphVersion, example);
    }

    private int Walk(SortedSet<int> start, List<string>? example)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        var total = 0;
        foreach (var node in start)
        {
            if (seen.Add(_component[node]))
            {
                queue.Enqueue(_component[node]);
            }
        }

        while (queue.TryDequeue(out var c))
        {
            total += _size[c];
            if (example is not null && example.Count < ExampleSize)
            {
                for (var m = _memberOffsets[c]; m < _memberOffsets[c + 1] && example.Count < ExampleSize; m++)
                {
                    if (!start.Contains(_members[m]))
                    {
                        example.Add(_graph.Nodes[_members[m]].Ref);
                    }
                }
            }

            foreach (var d in _callers[c])
            {
                if (seen.Add(d))
                {
                    queue.Enqueue(d);
                }
            }
        }

        return total - start.Count;
    }
}
