namespace Portal.Web.Components.Pages.Graph;

/// <summary>The kinds of whole-graph finding, in the order the analysis page lists them.</summary>
public enum GraphFindingKind
{
    Cycle,
    SinglePointOfFailure,
    SyncChain,
    RetryAmplification,
    TimeoutInversion,
    SharedResource,
    CrossTeamCoupling,
}
