namespace Portal.Domain.Graph;

/// <summary>
/// A node many services wait on without a fallback: when it fails, each of its <see cref="DirectDependents"/>
/// fails (<see cref="Dependents"/> lists them by ref, the first <c>maxListed</c> when there are more), and
/// <see cref="BlastRadius"/> services in all.
/// </summary>
public sealed record SinglePointOfFailure(
    string Ref,
    string DisplayName,
    NodeKind Kind,
    int DirectDependents,
    IReadOnlyList<string> Dependents,
    int BlastRadius,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>True when <see cref="Dependents"/> lists only some of the <see cref="DirectDependents"/>.</summary>
    public bool Truncated => Dependents.Count < DirectDependents;
}
