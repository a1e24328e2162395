namespace Portal.Domain.Graph;

/// <summary>Limits and thresholds for <see cref="GraphAnalysis.Analyze"/>.</summary>
/// <param name="TopK">How many sync chains and retry-amplification paths to keep.</param>
/// <param name="MinDependents">Direct synchronous callers without fallback that make a single point of failure.</param>
/// <param name="BlastRadius">How failure spreads when sizing single points of failure.</param>
/// <param name="MaxFindings">
/// At most this many of each other kind of finding (cycles, timeout inversions, shared resources, single
/// points of failure, teams), worst first; null for all. A 10,000-service catalog can have thousands of
/// each, which is megabytes of JSON and more than anyone reads.
/// </param>
/// <param name="MaxListed">
/// At most this many entries in a list inside one finding (a knot's services and edges, a shared resource's
/// users and teams, a single point of failure's dependents, the teams a team calls), each with the full count
/// beside it; null for all. One knot of 10,000 services and 50,000 edges is otherwise 9 MB of JSON.
/// </param>
public sealed record AnalysisOptions(int TopK = 20, int MinDependents = 3, BlastRadiusOptions? BlastRadius = null, int? MaxFindings = null, int? MaxListed = null)
{
    public static AnalysisOptions Default { get; } = new();
}
