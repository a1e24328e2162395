namespace Portal.Domain.Graph;

/// <summary>Every whole-graph finding at once; property names are the REST API's field names.</summary>
public sealed record GraphAnalysisResult(
    IReadOnlyList<DependencyCycle> Cycles,
    IReadOnlyList<SyncChain> SyncChains,
    IReadOnlyList<RetryAmplificationPath> RetryAmplification,
    IReadOnlyList<TimeoutInversion> TimeoutInversions,
    IReadOnlyList<SharedResource> SharedResources,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure,
    IReadOnlyList<TeamCoupling> CrossTeamCoupling);
