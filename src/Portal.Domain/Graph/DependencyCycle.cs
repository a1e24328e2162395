namespace Portal.Domain.Graph;

/// <summary>
/// Services that call each other round in a circle: a strongly connected component over service-to-service
/// edges of any kind, or a service that calls itself.
/// </summary>
/// <param name="Services">Members, by ref; the first <c>maxListed</c> of them when the knot is larger.</param>
/// <param name="ServiceCount">How many services the knot has, listed or not.</param>
/// <param name="Edges">
/// Service-to-service edges between members: every one, or when there are more than <c>maxListed</c>, that
/// many, starting with the edges of <see cref="Example"/>.
/// </param>
/// <param name="EdgeCount">How many edges there are between members, listed or not.</param>
/// <param name="IsSynchronous">
/// True when the members can go round synchronously (some loop inside uses only synchronous calls), the
/// worse case; false when every loop is broken by an asynchronous edge.
/// </param>
/// <param name="Example">One shortest loop, first ref repeated at the end; synchronous when <see cref="IsSynchronous"/>.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record DependencyCycle(
    IReadOnlyList<string> Services,
    int ServiceCount,
    IReadOnlyList<EdgeRef> Edges,
    int EdgeCount,
    bool IsSynchronous,
    IReadOnlyList<string> Example,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>True when <see cref="Services"/> or <see cref="Edges"/> lists only part of the knot.</summary>
    public bool Truncated => Services.Count < ServiceCount || Edges.Count < EdgeCount;
}
