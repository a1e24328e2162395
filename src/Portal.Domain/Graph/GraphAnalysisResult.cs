using System.Text.Json.Serialization;

namespace Portal.Domain.Graph;

/// <summary>Every whole-graph finding at once; property names are the REST API's field names.</summary>
public sealed record GraphAnalysisResult(
    IReadOnlyList<DependencyCycle> Cycles,
    IReadOnlyList<SyncChain> SyncChains,
    IReadOnlyList<RetryAmplificationPath> RetryAmplification,
    IReadOnlyList<TimeoutInversion> TimeoutInversions,
    IReadOnlyList<SharedResource> SharedResources,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure,
    IReadOnlyList<TeamCoupling> CrossTeamCoupling)
{
    /// <summary>The <see cref="GraphState.Version"/> of the graph analysed; 0 for a graph not read from the database.</summary>
    [JsonPropertyOrder(-1)]
    public long Version { get; init; }

    /// <summary>The same findings with every list cut to its first <paramref name="limit"/> entries (worst first).</summary>
    public GraphAnalysisResult Take(int limit) => this with
    {
        Cycles = [.. Cycles.Take(limit)],
        SyncChains = [.. SyncChains.Take(limit)],
        RetryAmplification = [.. RetryAmplification.Take(limit)],
        TimeoutInversions = [.. TimeoutInversions.Take(limit)],
        SharedResources = [.. SharedResources.Take(limit)],
        SinglePointsOfFailure = [.. SinglePointsOfFailure.Take(limit)],
        CrossTeamCoupling = [.. CrossTeamCoupling.Take(limit)],
    };
}
