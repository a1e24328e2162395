namespace Portal.Domain.Graph;

/// <summary>Nodes folded into one box: all of one team's or one system's.</summary>
/// <param name="Key">Team or system ref; <see cref="GraphAnalysis.Unowned"/> or <see cref="GraphSubsets.NoSystem"/> for nodes without one.</param>
/// <param name="Nodes">Indices of the nodes in the group.</param>
/// <param name="Services">How many of them are services.</param>
/// <param name="Resources">How many of them are resources.</param>
/// <param name="InternalEdges">Edges between two nodes of the group.</param>
public sealed record NodeGroup(string Key, IReadOnlyList<int> Nodes, int Services, int Resources, int InternalEdges);
