using Portal.Domain.Graph;

namespace Portal.Domain.Tests.Graph;

/// <summary>Shorthands for hand-made graphs.</summary>
internal static class GraphTestData
{
    /// <summary>A builder with these services, owned by nobody unless the ref says "team:ref".</summary>
    public static DependencyGraphBuilder Services(params string[] refs)
    {
        var builder = new DependencyGraphBuilder();
        foreach (var r in refs)
        {
            var parts = r.Split(':');
            if (parts.Length == 2)
            {
                builder.Service(parts[1], ownerTeam: parts[0]);
            }
            else
            {
                builder.Service(r);
            }
        }

        return builder;
    }

    public static IReadOnlyList<string> Refs(DependencyGraph graph, IEnumerable<int> nodes) =>
        [.. nodes.Select(n => graph.Nodes[n].Ref)];

    public static IReadOnlyList<string> EdgeNames(DependencyGraph graph, IEnumerable<int> edges) =>
        [.. edges.Select(e => $"{graph.Nodes[graph.Edges[e].From].Ref}>{graph.Nodes[graph.Edges[e].To].Ref}")];
}
