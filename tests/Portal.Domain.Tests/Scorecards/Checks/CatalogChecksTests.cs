using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Checks;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Checks;

/// <summary>Checks over catalog facts: links, ownership, on-call, APIs, debt, lifecycles.</summary>
public sealed class CatalogChecksTests
{
    [Fact]
    public void RunbookLink_LinkTypedRunbook_Passes()
    {
        var service = Service(links: [new ServiceLink("https://wiki.example/x", "Ops guide", "runbook")]);

        Assert.Equal(CriterionStatus.Pass, Run("runbook-link", service).Status);
    }

    [Fact]
    public void RunbookLink_OnlyDocs_FailsListingLinks()
    {
        var outcome = Run("runbook-link", Service(links: [new ServiceLink("https://docs.example/x", "Documentation", "docs")]));

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("Documentation", outcome.Evidence);
    }

    [Fact]
    public void DashboardLink_TitledGrafana_Passes()
    {
        Assert.Equal(CriterionStatus.Pass, Run("dashboard-link", Service(links: [new ServiceLink("https://g.example/d/1", "Grafana board")])).Status);
    }

    [Fact]
    public void DashboardLink_NoLinks_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("dashboard-link", Service()).Status);

    [Fact]
    public void OwnerWithMembers_NoOwner_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("owner-with-members", Service(owner: OwnerFacts.None)).Status);

    [Fact]
    public void OwnerWithMembers_PendingOwner_UnknownNamingIt()
    {
        var outcome = Run("owner-with-members", Service(owner: new OwnerFacts("group:payments-new", null, null, 0, false)));

        Assert.Equal(CriterionStatus.Unknown, outcome.Status);
        Assert.Contains("group:payments-new", outcome.Evidence);
        Assert.Contains("pending", outcome.Evidence);
    }

    [Fact]
    public void OwnerWithMembers_TeamWithoutMembers_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("owner-with-members", Service(owner: Team("empty", members: 0))).Status);

    [Fact]
    public void OwnerWithMembers_GoneTeam_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("owner-with-members", Service(owner: new OwnerFacts("old", "old", "Old", 4, true))).Status);

    [Fact]
    public void OwnerWithMembers_TeamWithMembers_Passes() =>
        Assert.Equal(CriterionStatus.Pass, Run("owner-with-members", Service(owner: Team("team-a", 4))).Status);

    [Fact]
    public void OnCallCoversOwner_PagedTeamIsNotOwner_Fails()
    {
        var outcome = Run("on-call-covers-owner", Service(owner: Team("team-a") with { OnCallTeamRef = "platform" }, onCall: new OnCallFacts(1, 1, 3, 0)));

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("Pages go to platform", outcome.Evidence);
    }

    [Fact]
    public void OnCallCoversOwner_NoRotation_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("on-call-covers-owner", Service()).Status);

    [Fact]
    public void OnCallCoversOwner_EmptyRotation_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("on-call-covers-owner", Service(onCall: new OnCallFacts(1, 0, 0, 0))).Status);

    [Fact]
    public void OnCallCoversOwner_RotationOfOutsiders_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("on-call-covers-owner", Service(onCall: new OnCallFacts(1, 1, 2, 0))).Status);

    [Fact]
    public void OnCallCoversOwner_OwnPeopleRotate_Passes() =>
        Assert.Equal(CriterionStatus.Pass, Run("on-call-covers-owner", Service(onCall: new OnCallFacts(2, 2, 4, 4))).Status);

    [Fact]
    public void OnCallCoversOwner_PendingOwner_Unknown() =>
        Assert.Equal(CriterionStatus.Unknown, Run("on-call-covers-owner", Service(owner: new OwnerFacts("x", null, null, 0, false))).Status);

    [Fact]
    public void ApiContract_CalledByOtherTeamWithoutApi_FailsNamingCallers()
    {
        var graph = new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("other", ownerTeam: "team-b")
            .Service("sibling", ownerTeam: "team-a").Edge("other", "svc").Edge("sibling", "svc").Build();

        var outcome = Run("api-contract", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("(other)", outcome.Evidence);
        Assert.DoesNotContain("sibling", outcome.Evidence);
    }

    [Fact]
    public void ApiContract_CalledByOtherTeamWithApi_Passes()
    {
        var graph = new DependencyGraphBuilder().Service("svc", ownerTeam: "team-a").Service("other", ownerTeam: "team-b").Edge("other", "svc").Build();

        Assert.Equal(CriterionStatus.Pass, Run("api-contract", Service(providedApis: 1), graph).Status);
    }

    [Fact]
    public void DebtCostOfDelay_NoRegister_Unknown() =>
        Assert.Equal(CriterionStatus.Unknown, Run("debt-cost-of-delay", Service(debtHours: null)).Status);

    [Fact]
    public void DebtCostOfDelay_AboveLimit_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("debt-cost-of-delay", Service(debtHours: 120)).Status);

    [Fact]
    public void DebtCostOfDelay_WithinLimit_Passes() =>
        Assert.Equal(CriterionStatus.Pass, Run("debt-cost-of-delay", Service(debtHours: 40)).Status);

    [Fact]
    public void NoDeprecatedDependencies_CallsDeprecated_FailsNamingIt()
    {
        var graph = new DependencyGraphBuilder().Service("svc").Service("old").Service("new").Edge("svc", "old").Edge("svc", "new").Build();
        var context = new CheckContext(Service(), new ScorecardGraph(graph, new Dictionary<string, Lifecycle> { ["old"] = Lifecycle.Deprecated }),
            Criterion("no-deprecated-dependencies"), Now);

        var outcome = AutomaticChecks.Run("no-deprecated-dependencies", context);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("deprecated old", outcome.Evidence);
    }

    [Fact]
    public void NoDeprecatedDependencies_NoneDeprecated_Passes()
    {
        var graph = new DependencyGraphBuilder().Service("svc").Service("new").Edge("svc", "new").Build();

        Assert.Equal(CriterionStatus.Pass, Run("no-deprecated-dependencies", Service(), graph).Status);
    }
}
