using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

public sealed record GraphNodeDto(string Id, string Label, string Kind, string? Team, string? System, int Tier, int Count = 1);

public sealed record GraphEdgeDto(string Source, string Target, string Kind, bool Synchronous, int? TimeoutMs, int? Retries, bool? Fallback, int Count = 1);

/// <summary>What the graph picture shows: nodes and edges, or groups of them when there would be too many.</summary>
public sealed record GraphViewDto(
    string Mode,
    string? Focus,
    int Depth,
    IReadOnlyList<GraphNodeDto> Nodes,
    IReadOnlyList<GraphEdgeDto> Edges,
    int VisibleNodes,
    long Version);

/// <summary>Turns a graph snapshot into the picture a page or the API asked for.</summary>
public static class GraphViews
{
    public static GraphViewDto Build(GraphSnapshot snapshot, string? focus, int depth, string? team, string? system, string? groupBy)
    {
        var graph = snapshot.Graph;
        depth = Math.Clamp(depth, 1, GraphView.MaxFocusDepth);
        GraphSubset subset;
        if (!string.IsNullOrWhiteSpace(focus))
        {
            subset = graph.TryGetIndex(focus, out _) ? GraphView.Focus(graph, focus, depth, bothDirections: true) : GraphSubset.Empty;
        }
        else if (!string.IsNullOrWhiteSpace(team))
        {
            subset = GraphView.ForTeam(graph, team);
        }
        else if (!string.IsNullOrWhiteSpace(system))
        {
            subset = GraphView.ForSystem(graph, system);
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
        if (key is null && subset.Nodes.Count > GraphView.GroupingThreshold)
        {
            key = string.IsNullOrWhiteSpace(team) ? GroupKey.Team : GroupKey.System;
        }

        if (key is { } k)
        {
            var grouped = GraphView.GroupBy(graph, subset.Nodes, k);
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
