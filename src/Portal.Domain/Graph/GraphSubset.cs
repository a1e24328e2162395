namespace Portal.Domain.Graph;

/// <summary>Part of a graph to draw: node indices and the ids of the edges to show between them.</summary>
public sealed record GraphSubset(IReadOnlyList<int> Nodes, IReadOnlyList<int> Edges)
{
    public static GraphSubset Empty { get; } = new([], []);
}
