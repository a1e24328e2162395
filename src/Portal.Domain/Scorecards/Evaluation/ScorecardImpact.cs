using System.Globalization;
using System.Text;
using Portal.Domain.Graph;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Which scorecards a change can touch, so a pass after a change evaluates those and no others. A service is touched
/// when its own facts changed (<see cref="SameFacts"/>), or when the graph changed anywhere its checks look
/// (<see cref="TouchedByGraph"/>). Both are computed from the data itself, before and after, not from what the editor
/// said it changed: a change made through another instance or an import counts the same.
/// </summary>
public static class ScorecardImpact
{
    /// <summary>True when two services' facts give the same results (the links compared item by item).</summary>
    public static bool SameFacts(ServiceFacts a, ServiceFacts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Records compare a list by reference: the links are compared apart, with one shared empty list in their place.
        var none = Array.Empty<Catalog.ServiceLink>();
        return a with { Links = none } == b with { Links = none } && a.Links.SequenceEqual(b.Links);
    }

    /// <summary>
    /// Refs of the services in <paramref name="after"/> whose graph-based checks can read something that differs from
    /// <paramref name="before"/>. A node changed when it is new, its own fields or lifecycle differ, or its outgoing
    /// edges differ (target, kind or any resilience setting). What the checks of a service read, and so what is touched:
    /// <list type="bullet">
    /// <item>everything below it (chain depth, retry amplification, the loop it sits in, callees' budgets and lifecycles):
    /// every service that reaches a changed node, before or after the change, over any edge;</item>
    /// <item>its direct callers and their owner teams (api-contract): the callees of a changed node, before and after;</item>
    /// <item>the other writers of the databases it uses and their owner teams (no-foreign-writers): the users of any
    /// resource a changed node uses, before or after.</item>
    /// </list>
    /// </summary>
    public static HashSet<string> TouchedByGraph(ScorecardGraph before, ScorecardGraph after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var oldSigs = Signatures(before);
        var newSigs = Signatures(after);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, sig) in newSigs)
        {
            if (!oldSigs.TryGetValue(node, out var old) || old != sig)
            {
                changed.Add(node);
            }
        }

        changed.UnionWith(oldSigs.Keys.Where(n => !newSigs.ContainsKey(n)));
        var touched = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var graph in new[] { before.Graph, after.Graph })
        {
            var seeds = changed.Select(n => graph.TryGetIndex(n, out var v) ? v : -1).Where(v => v >= 0).ToList();
            var resources = new HashSet<int>();
            foreach (var v in seeds)
            {
                foreach (var w in graph.Callees(v))
                {
                    touched.Add(graph.Nodes[w].Ref);
                    if (!graph.IsService(w))
                    {
                        resources.Add(w);
                    }
                }
            }

            foreach (var r in resources)
            {
                foreach (var u in graph.Callers(r))
                {
                    touched.Add(graph.Nodes[u].Ref);
                }
            }

            foreach (var v in Ancestors(graph, seeds))
            {
                touched.Add(graph.Nodes[v].Ref);
            }
        }

        touched.RemoveWhere(n => !after.Graph.TryGetIndex(n, out var v) || !after.Graph.IsService(v));
        return touched;
    }

    /// <summary>Every node that reaches one of <paramref name="seeds"/> over any edge, the seeds included.</summary>
    private static List<int> Ancestors(DependencyGraph graph, List<int> seeds)
    {
        var seen = new bool[graph.NodeCount];
        var stack = new Stack<int>();
        var found = new List<int>();
        foreach (var s in seeds)
        {
            if (!seen[s])
            {
                seen[s] = true;
                stack.Push(s);
            }
        }

        while (stack.TryPop(out var v))
        {
            found.Add(v);
            foreach (var u in graph.Callers(v))
            {
                if (!seen[u])
                {
                    seen[u] = true;
                    stack.Push(u);
                }
            }
        }

        return found;
    }

    /// <summary>Per node ref: its fields (not its index), lifecycle, and its outgoing edges in a stable order.</summary>
    private static Dictionary<string, string> Signatures(ScorecardGraph prepared)
    {
        var graph = prepared.Graph;
        var signatures = new Dictionary<string, string>(graph.NodeCount, StringComparer.Ordinal);
        var edges = new List<string>();
        var text = new StringBuilder();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var node = graph.Nodes[v];
            edges.Clear();
            foreach (var e in graph.OutgoingEdges(v))
            {
                var edge = graph.Edges[e];
                edges.Add(string.Create(CultureInfo.InvariantCulture, $"{graph.Nodes[edge.To].Ref}|{edge with { From = 0, To = 0 }}"));
            }

            edges.Sort(StringComparer.Ordinal);
            text.Clear().Append(node with { Index = 0 }).Append('|').Append(prepared.LifecycleOf(v));
            foreach (var edge in edges)
            {
                text.Append('\n').Append(edge);
            }

            signatures[node.Ref] = text.ToString();
        }

        return signatures;
    }
}
