namespace Portal.Domain.Graph;

/// <summary>
/// One request at the top of <see cref="Path"/> becomes up to <see cref="Factor"/> requests at its bottom,
/// because every hop multiplies by its attempts (1 + retries; undeclared retries count as none).
/// </summary>
/// <param name="Top">Where the single request arrives.</param>
/// <param name="Bottom">Where the multiplied requests land.</param>
/// <param name="Path">Refs from top to bottom.</param>
/// <param name="Hops">The edges of the path, with their retries.</param>
/// <param name="Factor">∏ (1 + retriesᵢ); capped at <see cref="double.MaxValue"/> so it always serialises.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record RetryAmplificationPath(
    string Top,
    string Bottom,
    IReadOnlyList<string> Path,
    IReadOnlyList<EdgeRef> Hops,
    double Factor,
    string Summary,
    string Remedy) : IGraphFinding;
