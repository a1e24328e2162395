using Portal.Domain.Scorecards;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;

namespace Portal.Domain.Tests.Scorecards.Checks;

public sealed class DeliveryChecksTests
{
    [Theory]
    [InlineData("ci-workflow")]
    [InlineData("recent-release")]
    [InlineData("branch-protection")]
    public void DeliveryCheck_NoRepositoryLinked_Unknown(string check)
    {
        var outcome = Run(check, Service(delivery: null));

        Assert.Equal(CriterionStatus.Unknown, outcome.Status);
        Assert.Contains("No GitHub repository", outcome.Evidence);
    }

    [Theory]
    [InlineData("ci-workflow")]
    [InlineData("recent-release")]
    [InlineData("branch-protection")]
    public void DeliveryCheck_StaleEvidence_UnknownWithDate(string check)
    {
        var outcome = Run(check, Service(delivery: Evidence(ageDays: 20)));

        Assert.Equal(CriterionStatus.Unknown, outcome.Status);
        Assert.Contains("stale", outcome.Evidence);
        Assert.Equal(Now.AddDays(-20), outcome.DataAsOf);
    }

    [Fact]
    public void CiWorkflow_NoWorkflow_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("ci-workflow", Service(delivery: Evidence(workflows: 0))).Status);

    [Fact]
    public void CiWorkflow_HasWorkflow_PassesWithDataAsOf()
    {
        var outcome = Run("ci-workflow", Service(delivery: Evidence(workflows: 2)));

        Assert.Equal(CriterionStatus.Pass, outcome.Status);
        Assert.Equal(Now.AddDays(-1), outcome.DataAsOf);
    }

    [Fact]
    public void RecentRelease_NothingShipped_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("recent-release", Service(delivery: Evidence(releases: 0, deployments: 0))).Status);

    [Fact]
    public void RecentRelease_DeploymentsOnly_Passes() =>
        Assert.Equal(CriterionStatus.Pass, Run("recent-release", Service(delivery: Evidence(releases: 0, deployments: 4))).Status);

    [Fact]
    public void RecentRelease_CountsNotRead_Unknown() =>
        Assert.Equal(CriterionStatus.Unknown, Run("recent-release", Service(delivery: Evidence(releases: null, deployments: null))).Status);

    [Fact]
    public void BranchProtection_NotReadable_Unknown() =>
        Assert.Equal(CriterionStatus.Unknown, Run("branch-protection", Service(delivery: Evidence(protectedBranch: null))).Status);

    [Fact]
    public void BranchProtection_Unprotected_Fails() =>
        Assert.Equal(CriterionStatus.Fail, Run("branch-protection", Service(delivery: Evidence(protectedBranch: false))).Status);

    [Fact]
    public void BranchProtection_Protected_Passes() =>
        Assert.Equal(CriterionStatus.Pass, Run("branch-protection", Service(delivery: Evidence(protectedBranch: true))).Status);
}
