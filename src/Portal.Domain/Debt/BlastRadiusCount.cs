namespace Portal.Domain.Debt;

/// <summary>How many services fail along with an item's services, from one version of the dependency graph.</summary>
/// <param name="Count">Services in the union of the affected services' blast radii, the affected services left out.</param>
/// <param name="GraphVersion">The graph version it was counted on.</param>
/// <param name="Example">A few of them by reference, to show in the explanation.</param>
public sealed record BlastRadiusCount(int Count, long GraphVersion, IReadOnlyList<string> Example);
