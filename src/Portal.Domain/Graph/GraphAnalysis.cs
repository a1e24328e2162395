using System.Globalization;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Graph;

/// <summary>
/// Dependency-graph analyses as pure functions over a <see cref="DependencyGraph"/>: no EF, no clock, no
/// I/O, so each is unit-tested on hand-made graphs and benchmarked in isolation, and the UI, the API and
/// the CLI get the same answers. Every finding explains itself (<see cref="IGraphFinding"/>).
/// </summary>
public static partial class GraphAnalysis
{
    /// <summary>The team name findings use for services and resources without an owner.</summary>
    public const string Unowned = "unowned";

    /// <summary>Runs every whole-graph analysis, sharing the synchronous DAG between chains and retry amplification.</summary>
    public static GraphAnalysisResult Analyze(DependencyGraph graph, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var o = options ?? AnalysisOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(o.TopK, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MinDependents, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxFindings ?? 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxListed ?? 0, nameof(options));

        var dag = SyncDag.Build(graph);
        return new GraphAnalysisResult(
            FindCycles(graph, dag, o.MaxFindings, o.MaxListed),
            LongestSyncChains(graph, dag, o.TopK),
            RetryAmplification(graph, dag, o.TopK),
            TimeoutInversions(graph, o.MaxFindings),
            SharedResources(graph, o.MaxFindings, o.MaxListed),
            SinglePointsOfFailure(graph, o.MinDependents, o.BlastRadius, o.MaxFindings, o.MaxListed),
            CrossTeamCoupling(graph, o.MaxFindings, o.MaxListed));
    }

    internal static string TeamOf(GraphNode node) => node.OwnerTeam ?? Unowned;

    internal static EdgeRef ToEdgeRef(DependencyGraph graph, int edge)
    {
        var e = graph.Edges[edge];
        return new EdgeRef(graph.Nodes[e.From].Ref, graph.Nodes[e.To].Ref, e.Kind, e.TimeoutMs, e.Retries, e.Fallback, e.CircuitBreaker, e.Access);
    }

    /// <summary>"a → b ⇢ c": solid arrows for calls the caller waits on, dashed for the others.</summary>
    internal static string FormatPath(DependencyGraph graph, IReadOnlyList<int> edges, Func<int, string>? hopNote = null)
    {
        if (edges.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(graph.Nodes[graph.Edges[edges[0]].From].Ref);
        foreach (var e in edges)
        {
            text.Append(graph.IsBlocking(e) ? " → " : " ⇢ ").Append(graph.Nodes[graph.Edges[e].To].Ref);
            if (hopNote?.Invoke(e) is { Length: > 0 } note)
            {
                text.Append(' ').Append(note);
            }
        }

        return text.ToString();
    }

    /// <summary>"a, b, c and 4 more".</summary>
    internal static string Names(IEnumerable<string> names, int max = 5)
    {
        var all = names as IReadOnlyCollection<string> ?? [.. names];
        var shown = string.Join(", ", all.Take(max));
        return all.Count > max ? Invariant($"{shown} and {all.Count - max} more") : shown;
    }

    /// <summary>The first <paramref name="limit"/> items, or all when it is null.</summary>
    internal static IEnumerable<T> Limit<T>(IEnumerable<T> items, int? limit) => limit is { } max ? items.Take(max) : items;

    internal static string Ms(long ms) => Invariant($"{ms:N0} ms");

    internal static string Plural(int count, string one, string many) => Counted.Of(count, one, many);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
