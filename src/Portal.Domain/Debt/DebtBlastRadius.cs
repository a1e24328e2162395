using System.Collections.Concurrent;
using Portal.Domain.Graph;

namespace Portal.Domain.Debt;

/// <summary>
/// How many services fail when any of a debt item's services fails: the union of their blast radii, counted the
/// way the graph's blast radius counts (failure travels from callee to caller over synchronous calls without a
/// fallback, and over shared-database use). Built once per graph version. Services that fail together form strongly
/// connected components of those edges, so the walk goes over components, not services: counting a set is a short
/// walk even where one knot holds most of the catalog. When the graph is small enough (<see cref="ReachBudgetBytes"/>),
/// each component's reach (itself and every component that fails with it, as a bit per node) is built once, in
/// topological order, so counting a set is an OR of a few bit rows and a population count: recomputing 20,000 scores
/// on 10,000 services costs milliseconds instead of a walk over about 1,400 components per item. Otherwise counts
/// walk, cached per set of services. Both give the same numbers.
/// </summary>
public sealed class DebtBlastRadius
{
    /// <summary>How many services of the radius an explanation names.</summary>
    public const int ExampleSize = 3;

    /// <summary>
    /// Most memory the reach rows may take (components × nodes bits): 32 MB, about 16,000 services whose calls form
    /// no knots. 10,000 services take 12.5 MB at most. Larger graphs count by walking.
    /// </summary>
    public const long ReachBudgetBytes = 32L << 20;

    private readonly DependencyGraph _graph;
    private readonly int[] _component;
    private readonly int[] _size;
    private readonly int[] _memberOffsets;
    private readonly int[] _members;
    private readonly int[] _callerOffsets;
    private readonly int[] _callers;
    private readonly int _words;
    private readonly ulong[]? _reach;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public DebtBlastRadius(DependencyGraph graph, long graphVersion)
        : this(graph, graphVersion, ReachBudgetBytes)
    {
    }

    /// <summary>As the public constructor, with the memory the reach rows may take (0: always walk; for tests).</summary>
    internal DebtBlastRadius(DependencyGraph graph, long graphVersion, long reachBudgetBytes)
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

        // Flat (offsets into one array), so a walk reads memory in order.
        _callerOffsets = new int[count + 1];
        for (var c = 0; c < count; c++)
        {
            _callerOffsets[c + 1] = _callerOffsets[c] + (callers[c]?.Count ?? 0);
        }

        _callers = new int[_callerOffsets[count]];
        for (var c = 0; c < count; c++)
        {
            callers[c]?.CopyTo(_callers, _callerOffsets[c]);
        }

        _words = (graph.NodeCount + 63) / 64;
        if ((long)count * _words * sizeof(ulong) <= reachBudgetBytes)
        {
            _reach = BuildReach(count);
        }
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

        if (!withExample && _reach is not null)
        {
            return new BlastRadiusCount(CountReach(start), GraphVersion, []);
        }

        if (!withExample)
        {
            var key = string.Join(',', start);
            return new BlastRadiusCount(_counts.GetOrAdd(key, _ => Walk(start, null)), GraphVersion, []);
        }

        var example = new List<string>(ExampleSize);
        return new BlastRadiusCount(Walk(start, example), GraphVersion, example);
    }

    /// <summary>
    /// Row c (<see cref="_words"/> words) has a bit for every node that fails when component c fails: its members and
    /// the rows of the components that call into it. Components are numbered in reverse topological order (an edge
    /// goes from a higher id to a lower one), so callers, having higher ids, are complete before the components they call.
    /// </summary>
    private ulong[] BuildReach(int count)
    {
        var reach = new ulong[(long)count * _words];
        for (var c = count - 1; c >= 0; c--)
        {
            var row = reach.AsSpan(c * _words, _words);
            for (var m = _memberOffsets[c]; m < _memberOffsets[c + 1]; m++)
            {
                row[_members[m] >> 6] |= 1UL << (_members[m] & 63);
            }

            for (var k = _callerOffsets[c]; k < _callerOffsets[c + 1]; k++)
            {
                var caller = reach.AsSpan(_callers[k] * _words, _words);
                for (var w = 0; w < row.Length; w++)
                {
                    row[w] |= caller[w];
                }
            }
        }

        return reach;
    }

    /// <summary>The number of nodes in the union of the start nodes' reach rows, the start nodes left out.</summary>
    private int CountReach(SortedSet<int> start)
    {
        var reach = _reach!;
        var rows = new int[start.Count];
        var n = 0;
        foreach (var node in start)
        {
            var offset = _component[node] * _words;
            if (Array.IndexOf(rows, offset, 0, n) < 0)
            {
                rows[n++] = offset;
            }
        }

        var total = 0;
        for (var w = 0; w < _words; w++)
        {
            var bits = 0UL;
            for (var r = 0; r < n; r++)
            {
                bits |= reach[rows[r] + w];
            }

            total += System.Numerics.BitOperations.PopCount(bits);
        }

        return total - start.Count;
    }

    private int Walk(SortedSet<int> start, List<string>? example)
    {
        // Breadth first over components (nearest first, for the example), marking with a per-thread stamp array rather
        // than a new hash set per walk.
        var scratch = WalkScratch.For(_size.Length);
        var mark = scratch.NextMark();
        var seen = scratch.Seen;
        var queue = scratch.Queue;
        int head = 0, tail = 0, total = 0;
        foreach (var node in start)
        {
            var c = _component[node];
            if (seen[c] != mark)
            {
                seen[c] = mark;
                queue[tail++] = c;
            }
        }

        while (head < tail)
        {
            var c = queue[head++];
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

            for (var k = _callerOffsets[c]; k < _callerOffsets[c + 1]; k++)
            {
                var d = _callers[k];
                if (seen[d] != mark)
                {
                    seen[d] = mark;
                    queue[tail++] = d;
                }
            }
        }

        return total - start.Count;
    }

    /// <summary>
    /// One thread's marks and queue for <see cref="Walk"/>, which never awaits, so a thread runs one walk at a time.
    /// A component is seen in this walk when its mark equals the walk's; each walk takes the next mark, so nothing is
    /// cleared between walks.
    /// </summary>
    private sealed class WalkScratch
    {
        [ThreadStatic]
        private static WalkScratch? t_current;

        private int _mark;

        private WalkScratch(int size)
        {
            Seen = new int[size];
            Queue = new int[size];
        }

        public int[] Seen { get; }

        public int[] Queue { get; }

        public static WalkScratch For(int components)
        {
            if (t_current is not { } scratch || scratch.Seen.Length < components)
            {
                scratch = new WalkScratch(components);
                t_current = scratch;
            }

            return scratch;
        }

        public int NextMark()
        {
            if (_mark == int.MaxValue)
            {
                Array.Clear(Seen);
                _mark = 0;
            }

            return ++_mark;
        }
    }
}
