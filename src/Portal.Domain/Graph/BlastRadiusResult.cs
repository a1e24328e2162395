namespace Portal.Domain.Graph;

/// <summary>Everything that can fail when <see cref="Service"/> fails, callers first.</summary>
/// <param name="Service">The failing node's ref (a service or a resource).</param>
/// <param name="Direct">Callers that depend on it directly (depth 1), all of them, by ref.</param>
/// <param name="Transitive">
/// Services reached through other callers (depth 2 and more), nearest first, then by ref: all of them, or the
/// page that was asked for (<c>skip</c>/<c>take</c>); <see cref="TransitiveCount"/> says how many there are.
/// </param>
/// <param name="Count">Direct plus transitive, the whole radius whatever the page.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record BlastRadiusResult(
    string Service,
    IReadOnlyList<ImpactedService> Direct,
    IReadOnlyList<ImpactedService> Transitive,
    int Count,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>How many services fail through other callers, whether or not <see cref="Transitive"/> lists them all.</summary>
    public int TransitiveCount => Count - Direct.Count;
}
