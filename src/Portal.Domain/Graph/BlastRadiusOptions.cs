namespace Portal.Domain.Graph;

/// <summary>How failure spreads in <see cref="GraphAnalysis.BlastRadius(DependencyGraph, string, BlastRadiusOptions?, int, int?)"/>.</summary>
/// <param name="FollowAsync">Also spread over asynchronous (and library) edges, as if a backlog were an outage.</param>
/// <param name="StopAtFallback">A caller with <see cref="GraphEdge.Fallback"/> true survives the failure.</param>
/// <param name="MaxDepth">Stop this many calls away; null for no limit.</param>
public sealed record BlastRadiusOptions(bool FollowAsync = false, bool StopAtFallback = true, int? MaxDepth = null)
{
    public static BlastRadiusOptions Default { get; } = new();
}
