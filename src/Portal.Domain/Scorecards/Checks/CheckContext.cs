using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Scorecards.Checks;

/// <summary>What an automatic check is given: the service, the graph, the criterion (for its thresholds) and the time.</summary>
/// <param name="Service">Plain facts about the service.</param>
/// <param name="Graph">The dependency graph, prepared for scorecards.</param>
/// <param name="Criterion">The criterion being evaluated; its parameters override the check's defaults.</param>
/// <param name="NowUtc">The evaluation time; evidence older than a check's limit is stale.</param>
public sealed record CheckContext(ServiceFacts Service, ScorecardGraph Graph, CriterionDefinition Criterion, DateTime NowUtc)
{
    /// <summary>The service's node in the graph, or -1.</summary>
    public int Node { get; } = Graph.IndexOf(Service.Ref);

    /// <summary>A threshold: the criterion's own value, else the check's default.</summary>
    public double Param(string name) =>
        Criterion.Parameter(name, AutomaticChecks.Find(Criterion.Check ?? "")?.Defaults.GetValueOrDefault(name) ?? 0);
}
