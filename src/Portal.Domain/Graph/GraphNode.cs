namespace Portal.Domain.Graph;

/// <summary>
/// A service or a resource as the graph analysis sees it: plain data copied out of the catalog, so the
/// algorithms run without a database. <see cref="Index"/> is the node's position in
/// <see cref="DependencyGraph.Nodes"/>; <see cref="Ref"/> must be unique across services and resources
/// (prefix resources, e.g. <c>resource:orders-db</c>, if their names can clash with services').
/// </summary>
/// <param name="Index">Position in <see cref="DependencyGraph.Nodes"/>.</param>
/// <param name="Ref">Unique reference, e.g. <c>payments</c> or <c>ops/payments</c>.</param>
/// <param name="DisplayName">Title if set, otherwise the name.</param>
/// <param name="Kind">Service or resource.</param>
/// <param name="OwnerTeam">Owner team reference; null when nobody owns it ("unowned" in findings).</param>
/// <param name="System">System reference; null when the node belongs to none.</param>
/// <param name="Tier">1 is most critical, 3 least.</param>
public sealed record GraphNode(
    int Index,
    string Ref,
    string DisplayName,
    NodeKind Kind,
    string? OwnerTeam,
    string? System,
    int Tier);
