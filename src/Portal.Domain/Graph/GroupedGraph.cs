namespace Portal.Domain.Graph;

/// <summary>A picture too large to draw node by node, folded by team or system.</summary>
public sealed record GroupedGraph(GroupKey Key, IReadOnlyList<NodeGroup> Groups, IReadOnlyList<GroupEdge> Edges);
