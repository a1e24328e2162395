using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Checks;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards;

/// <summary>Hand-made services and graphs for the scorecard tests.</summary>
internal static class ScorecardTestData
{
    public static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public static ServiceFacts Service(
        string reference = "svc",
        OwnerFacts? owner = null,
        OnCallFacts? onCall = null,
        IReadOnlyList<ServiceLink>? links = null,
        int providedApis = 0,
        DeliveryEvidence? delivery = null,
        double? debtHours = null,
        Lifecycle lifecycle = Lifecycle.Production) =>
        new(reference, reference, 2, lifecycle, owner ?? Team("team-a"), onCall ?? OnCallFacts.None, links ?? [], providedApis, delivery, debtHours, Now.AddDays(-1));

    public static OwnerFacts Team(string team, int members = 3) => new(team, team, team, members, false);

    public static DeliveryEvidence Evidence(int workflows = 1, int? releases = 2, int? deployments = 0, bool? protectedBranch = true, double ageDays = 1) =>
        new("acme/svc", workflows, releases, deployments, protectedBranch, Now.AddDays(-ageDays), Now.AddDays(-ageDays));

    public static CriterionDefinition Criterion(string check, Dictionary<string, double>? parameters = null, ScoreLevel level = ScoreLevel.Bronze) =>
        new(check, ScalingSignal.CascadingFailures, check, level, CriterionMode.Automatic, "why", "good", "fix", 1, check, parameters);

    public static CheckOutcome Run(string check, ServiceFacts service, DependencyGraph? graph = null, Dictionary<string, double>? parameters = null)
    {
        var context = new CheckContext(service, new ScorecardGraph(graph ?? Alone(service.Ref)), Criterion(check, parameters), Now);
        return AutomaticChecks.Run(check, context);
    }

    public static DependencyGraph Alone(string reference) => new DependencyGraphBuilder().Service(reference, ownerTeam: "team-a").Build();
}
