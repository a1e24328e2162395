using Portal.Domain.Catalog;

namespace Portal.Domain.Graph.Queries;

/// <summary>Turns a graph snapshot into the picture a page or the API asked for.</summary>
public static class GraphViewBuilder
{
    public static GraphViewDto Build(GraphSnapshot snapshot, string? focus, int depth, string? team, string? system, string? groupBy)
    {
        var graph = snapshot.Graph;
        depth = Math.Clamp(depth, 1, GraphSubsets.MaxFocusDepth);
        GraphSubset subset;
        if (!string.IsNullOrWhiteSpace(focus))
        {
            subset = graph.TryGetIndex(focus, out _) ? GraphSubsets.Focus(graph, focus, depth, bothDirections: true) : GraphSubset.Empty;
        }
        else if (!string.IsNullOrWhiteSpace(team))
        {
            subset = GraphSubsets.ForTeam(graph, team);
        }
        else if (!string.IsNullOrWhiteSpace(system))
        {
            subset = GraphSubsets.ForSystem(graph, system);
        }
        else
        {
            subset = new GraphSubset([.. Enumerable.Range(0, graph.NodeCount)], [.. Enumerable.Range(0, graph.EdgeCount)]);
        }

        var key = groupBy?.ToLowerInvariant() switch
        {
            "team" => GroupKey.Team,
            "system" => GroupKey.System,
            _ => (GroupKey?)null,
        };
        if (key is null && subset.Nodes.Count > GraphSubsets.GroupingThreshold)
        {
            key = string.IsNullOrWhiteSpace(team) ? GroupKey.Team : GroupKey.System;
        }

        if (key is { } k)
        {
            var grouped = GraphSubsets.GroupBy(graph, subset.Nodes, k);
            var prefix = k == GroupKey.Team ? "team:" : "system:";
            return new GraphViewDto(
                "grouped",
                focus,
                depth,
                [.. grouped.Groups.Select(g => new GraphNodeDto(prefix + g.Key, $"{g.Key} ({g.Nodes.Count})", "group", k == GroupKey.Team ? g.Key : null, k == GroupKey.System ? g.Key : null, 3, g.Nodes.Count))],
                [.. grouped.Edges.Select(e => new GraphEdgeDto(prefix + e.From, prefix + e.To, e.SynchronousCount > 0 ? "sync" : "async", e.SynchronousCount > 0, null, null, null, e.Count))],
                subset.Nodes.Count,
                snapshot.Version);
        }

        return new GraphViewDto(
            "nodes",
            focus,
            depth,
            [.. subset.Nodes.Select(i => graph.Nodes[i]).Select(n => new GraphNodeDto(n.Ref, n.DisplayName, n.Kind == NodeKind.Service ? "service" : "resource", n.OwnerTeam, n.System, n.Tier))],
            [.. subset.Edges.Select(i => ToDto(graph, i))],
            subset.Nodes.Count,
            snapshot.Version);
    }

    private static GraphEdgeDto ToDto(DependencyGraph graph, int index)
    {
        var e = graph.Edges[index];
        return new GraphEdgeDto(graph.Nodes[e.From].Ref, graph.Nodes[e.To].Ref, e.Kind.ToWire(), graph.IsBlocking(index), e.TimeoutMs, e.Retries, e.Fallback);
    }
}
