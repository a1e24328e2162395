using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>A node as <c>wwwroot/js/graph.js</c> draws it.</summary>
/// <param name="Id">Node ref, or <c>team:&lt;name&gt;</c> / <c>system:&lt;name&gt;</c> for a group.</param>
/// <param name="Label">Text in the box.</param>
/// <param name="Kind"><c>service</c>, <c>resource</c> or <c>group</c>.</param>
/// <param name="Team">Owner team, for the tooltip; null when unowned.</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Count">Nodes a group stands for; 1 otherwise.</param>
/// <param name="Color">Outline colour (the owner team's).</param>
/// <param name="Fill">Fill colour, a pale version of <paramref name="Color"/>.</param>
public sealed record GraphPictureNode(string Id, string Label, string Kind, string? Team, int Tier, int Count, string Color, string Fill)
{
    /// <summary>When the picture is coloured by open debt: <c>none</c>, <c>low</c>, <c>medium</c> or <c>high</c> (the outline follows it); null otherwise.</summary>
    public string? Band { get; init; }

    /// <summary>A second line under the label (the open debt's hours), or null.</summary>
    public string? Badge { get; init; }
}

/// <summary>An arrow from caller to callee; dashed unless <paramref name="Synchronous"/>.</summary>
public sealed record GraphPictureEdge(string Source, string Target, bool Synchronous, int Count);

/// <summary>A legend line: a team, its colour and how many nodes of the picture it owns.</summary>
public sealed record GraphLegendEntry(string Team, TeamColor Color, int Nodes);

/// <summary>
/// Everything the page hands to <c>graph.js</c> (<see cref="Nodes"/>, <see cref="Edges"/>, <see cref="Focus"/>,
/// <see cref="Highlight"/>) plus what it shows around the picture.
/// </summary>
public sealed record GraphPicture(
    IReadOnlyList<GraphPictureNode> Nodes,
    IReadOnlyList<GraphPictureEdge> Edges,
    string? Focus,
    IReadOnlyList<string> Highlight,
    IReadOnlyList<GraphLegendEntry> Legend,
    int AddedForHighlight,
    int LeftOutGroups = 0,
    int LeftOutEdges = 0)
{
    /// <summary>Most groups drawn: beyond this a layered layout takes seconds and the picture is a hairball anyway.</summary>
    public const int MaxGroups = 60;

    /// <summary>Most arrows between groups drawn, per group drawn; the heaviest are kept.</summary>
    public const int MaxGroupEdgesPerGroup = 2;

    /// <summary>
    /// Turns a view into a picture. When <paramref name="highlight"/> reaches past the view (a blast radius deeper
    /// than the focus depth, a chain longer than it), its nodes and edges are added, so the highlight is whole;
    /// <see cref="AddedForHighlight"/> counts those nodes.
    /// </summary>
    public static GraphPicture Build(DependencyGraph graph, GraphViewDto view, GraphHighlight? highlight)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(view);
        var colors = TeamColors.Assign(graph.Nodes.Select(n => n.OwnerTeam).OfType<string>());
        var nodes = view.Nodes.ToList();
        var edges = view.Edges.ToList();
        var added = 0;
        var (leftOutGroups, leftOutEdges) = (0, 0);
        if (view.Mode == "grouped")
        {
            // Groups come largest first, arrows heaviest first; keep the top of both so the browser can lay it out.
            var kept = nodes.OrderByDescending(n => n.Count).Take(MaxGroups).ToList();
            var keptIds = kept.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            var among = edges.Where(e => keptIds.Contains(e.Source) && keptIds.Contains(e.Target)).OrderByDescending(e => e.Count).ToList();
            var keptEdges = among.Take(Math.Max(40, kept.Count * MaxGroupEdgesPerGroup)).ToList();
            (leftOutGroups, leftOutEdges) = (nodes.Count - kept.Count, edges.Count - keptEdges.Count);
            (nodes, edges) = (kept, keptEdges);
        }

        var highlightIds = new List<string>();
        if (highlight is not null && view.Mode == "nodes")
        {
            var present = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var id in highlight.Nodes)
            {
                if (present.Add(id) && graph.Find(id) is { } node)
                {
                    nodes.Add(new GraphNodeDto(node.Ref, node.DisplayName, node.Kind == NodeKind.Service ? "service" : "resource", node.OwnerTeam, node.System, node.Tier));
                    added++;
                }
            }

            var drawn = edges.Select(e => (e.Source, e.Target)).ToHashSet();
            foreach (var (from, to) in highlight.Edges)
            {
                if (drawn.Add((from, to)) && FindEdge(graph, from, to) is { } edge)
                {
                    edges.Add(edge);
                }
            }

            highlightIds.AddRange(highlight.Nodes);
            highlightIds.AddRange(highlight.Edges.Select(e => $"{e.From}->{e.To}"));
        }

        var pictureNodes = nodes.Select(n =>
        {
            var key = n.Team ?? n.System;
            var color = key is not null && colors.TryGetValue(key, out var c) ? c : TeamColors.Unowned;
            return new GraphPictureNode(n.Id, n.Label, n.Kind, n.Team, n.Tier, n.Count, color.Strong, color.Pale);
        }).ToList();
        var legend = nodes
            .GroupBy(n => n.Team ?? (n.Kind == "group" ? n.System : null) ?? "", StringComparer.OrdinalIgnoreCase)
            .Select(g => new GraphLegendEntry(
                g.Key == "" ? GraphAnalysis.Unowned : g.Key,
                colors.TryGetValue(g.Key, out var c) ? c : TeamColors.Unowned,
                g.Sum(n => n.Count)))
            .OrderByDescending(e => e.Nodes)
            .ThenBy(e => e.Team, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new GraphPicture(
            pictureNodes,
            [.. edges.Select(e => new GraphPictureEdge(e.Source, e.Target, e.Synchronous, e.Count))],
            view.Focus,
            highlightIds,
            legend,
            added,
            leftOutGroups,
            leftOutEdges);
    }

    private static GraphEdgeDto? FindEdge(DependencyGraph graph, string from, string to)
    {
        if (!graph.TryGetIndex(from, out var f) || !graph.TryGetIndex(to, out var t))
        {
            return null;
        }

        var edges = graph.OutgoingEdges(f);
        var callees = graph.Callees(f);
        for (var i = 0; i < edges.Length; i++)
        {
            if (callees[i] == t)
            {
                var e = graph.Edges[edges[i]];
                return new GraphEdgeDto(from, to, e.Kind.ToWire(), graph.IsBlocking(edges[i]), e.TimeoutMs, e.Retries, e.Fallback);
            }
        }

        return null;
    }
}
