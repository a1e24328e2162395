namespace Portal.Domain.Graph;

/// <summary>
/// A service that fails when the failing node does. <see cref="Path"/> runs from this service down to
/// the failing node (the chain of calls that connects them, a shortest one); <see cref="Depth"/> is its
/// number of hops.
/// </summary>
public sealed record ImpactedService(string Ref, string DisplayName, int Depth, IReadOnlyList<string> Path);
