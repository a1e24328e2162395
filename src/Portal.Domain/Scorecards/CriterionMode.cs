namespace Portal.Domain.Scorecards;

/// <summary>Where a criterion's result comes from.</summary>
public enum CriterionMode
{
    /// <summary>Computed by Portal from the catalog, the dependency graph, on-call and GitHub evidence.</summary>
    Automatic,

    /// <summary>Answered by the owner team (maturity 0–4 with a note); expires and must be re-attested.</summary>
    SelfAssessed,

    /// <summary>Evaluated elsewhere (CI, a scanner) and pushed through <c>POST /api/v1/scorecards/results</c>.</summary>
    External,
}
