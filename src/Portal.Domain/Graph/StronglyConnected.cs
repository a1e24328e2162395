namespace Portal.Domain.Graph;

/// <summary>
/// Tarjan's strongly connected components, iterative: an explicit call stack of node ids with a per-node
/// edge cursor replaces recursion, so a chain of 10,000 services cannot overflow the thread's stack.
/// </summary>
internal static class StronglyConnected
{
    /// <summary>
    /// Component id per node over the edges whose <paramref name="edgeMask"/> entry is true. Ids are
    /// numbered in the order components complete, which is a reverse topological order: an edge between
    /// two components always goes from a higher id to a lower one.
    /// </summary>
    public static int[] Components(DependencyGraph graph, bool[] edgeMask, out int count)
    {
        var n = graph.NodeCount;
        var index = new int[n];
        Array.Fill(index, -1);
        var low = new int[n];
        var component = new int[n];
        var cursor = new int[n];
        var onStack = new bool[n];
        var stack = new int[n];
        var calls = new int[n];
        int stackTop = 0, callTop = 0, nextIndex = 0;
        count = 0;

        for (var root = 0; root < n; root++)
        {
            if (index[root] != -1)
            {
                continue;
            }

            Enter(root);
            while (callTop > 0)
            {
                var v = calls[callTop - 1];
                var edges = graph.OutgoingEdges(v);
                if (cursor[v] < edges.Length)
                {
                    var i = cursor[v]++;
                    if (!edgeMask[edges[i]])
                    {
                        continue;
                    }

                    var w = graph.Callees(v)[i];
                    if (index[w] == -1)
                    {
                        Enter(w);
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                // All of v's edges are done: "return" from v.
                callTop--;
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        component[w] = count;
                    }
                    while (w != v);
                    count++;
                }

                if (callTop > 0)
                {
                    var parent = calls[callTop - 1];
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return component;

        void Enter(int v)
        {
            index[v] = low[v] = nextIndex++;
            stack[stackTop++] = v;
            onStack[v] = true;
            calls[callTop++] = v;
        }
    }

    /// <summary>Nodes grouped by component, lowest component id first, each group in node order.</summary>
    public static int[] OrderByComponent(int[] component, int count)
    {
        var start = new int[count + 1];
        foreach (var c in component)
        {
            start[c + 1]++;
        }

        for (var c = 0; c < count; c++)
        {
            start[c + 1] += start[c];
        }

        var order = new int[component.Length];
        for (var v = 0; v < component.Length; v++)
        {
            order[start[component[v]]++] = v;
        }

        return order;
    }
}
