namespace Portal.Domain.Graph;

/// <summary>
/// The blocking subgraph (edges the caller waits on, see <see cref="DependencyGraph.IsBlocking"/>) made
/// acyclic for longest-path and amplification DP. Longest path is NP-hard once there are cycles, so every
/// edge whose two ends lie in the same synchronous strongly connected component is dropped (self-loops
/// included) rather than condensing components into super-nodes: what is left is a DAG whose paths are
/// real call paths between real services. The cost is that a chain running through a synchronous cycle
/// is cut where it enters the cycle; those cycles are reported separately, as the worse problem.
/// </summary>
internal sealed class SyncDag
{
    private SyncDag(bool[] inDag, int[] component, int componentCount, int[] sinksFirst)
    {
        InDag = inDag;
        Component = component;
        ComponentCount = componentCount;
        SinksFirst = sinksFirst;
    }

    /// <summary>Per edge: blocking and not inside a synchronous cycle.</summary>
    public bool[] InDag { get; }

    /// <summary>Synchronous strongly connected component per node (Tarjan completion order).</summary>
    public int[] Component { get; }

    public int ComponentCount { get; }

    /// <summary>
    /// Every node in an order where each DAG edge goes from a later node to an earlier one: Tarjan numbers
    /// components sinks first, and DAG edges never stay inside a component. Walk it backwards for sources first.
    /// </summary>
    public int[] SinksFirst { get; }

    public static SyncDag Build(DependencyGraph graph)
    {
        var blocking = new bool[graph.EdgeCount];
        for (var e = 0; e < blocking.Length; e++)
        {
            blocking[e] = graph.IsBlocking(e);
        }

        var component = StronglyConnected.Components(graph, blocking, out var count);
        var inDag = new bool[graph.EdgeCount];
        for (var e = 0; e < inDag.Length; e++)
        {
            var edge = graph.Edges[e];
            inDag[e] = blocking[e] && component[edge.From] != component[edge.To];
        }

        return new SyncDag(inDag, component, count, StronglyConnected.OrderByComponent(component, count));
    }
}
