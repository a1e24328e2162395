namespace Portal.Domain.Graph;

/// <summary>All edges from nodes of one group to nodes of another, as one arrow.</summary>
/// <param name="From">Key of the calling group.</param>
/// <param name="To">Key of the called group.</param>
/// <param name="Count">How many edges the arrow stands for.</param>
/// <param name="SynchronousCount">How many of them the caller waits on (see <see cref="DependencyGraph.IsBlocking"/>).</param>
public sealed record GroupEdge(string From, string To, int Count, int SynchronousCount);
