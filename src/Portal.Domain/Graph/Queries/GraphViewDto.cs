namespace Portal.Domain.Graph.Queries;

/// <summary>What the graph picture shows: nodes and edges, or groups of them when there would be too many.</summary>
public sealed record GraphViewDto(
    string Mode,
    string? Focus,
    int Depth,
    IReadOnlyList<GraphNodeDto> Nodes,
    IReadOnlyList<GraphEdgeDto> Edges,
    int VisibleNodes,
    long Version);
