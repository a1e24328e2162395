using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Checks;

public sealed class DataOwnershipChecksTests
{
    private static DependencyGraphBuilder Shop() => new DependencyGraphBuilder()
        .Service("svc", ownerTeam: "team-a").Service("mine", ownerTeam: "team-a").Service("theirs", ownerTeam: "team-b")
        .Resource("resource:db", ownerTeam: "team-a");

    [Fact]
    public void NoForeignWriters_OtherTeamWrites_FailsNamingWriterAndTeam()
    {
        var graph = Shop().Uses("svc", "resource:db", ResourceAccess.ReadWrite).Uses("theirs", "resource:db", ResourceAccess.Write).Build();

        var outcome = Run("no-foreign-writers", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("resource:db is also written by theirs (team-b)", outcome.Evidence);
    }

    [Fact]
    public void NoForeignWriters_UndeclaredAccessCountsAsWrite()
    {
        var graph = Shop().Uses("svc", "resource:db", ResourceAccess.ReadWrite).Uses("theirs", "resource:db", null).Build();

        Assert.Equal(CriterionStatus.Fail, Run("no-foreign-writers", Service(), graph).Status);
    }

    [Fact]
    public void NoForeignWriters_OtherTeamOnlyReadsAndOwnTeamWrites_Passes()
    {
        var graph = Shop().Uses("svc", "resource:db", ResourceAccess.ReadWrite).Uses("theirs", "resource:db", ResourceAccess.Read)
            .Uses("mine", "resource:db", ResourceAccess.Write).Build();

        Assert.Equal(CriterionStatus.Pass, Run("no-foreign-writers", Service(), graph).Status);
    }

    [Fact]
    public void NoForeignWriters_NoOwnerTeam_Unknown()
    {
        var graph = Shop().Uses("svc", "resource:db", ResourceAccess.ReadWrite).Build();

        Assert.Equal(CriterionStatus.Unknown, Run("no-foreign-writers", Service(owner: OwnerFacts.None), graph).Status);
    }

    [Fact]
    public void WritesOwnData_WritesAnotherTeamsDatabase_Fails()
    {
        var graph = Shop().Resource("resource:other", ownerTeam: "team-b").Uses("svc", "resource:other", ResourceAccess.Write).Build();

        var outcome = Run("writes-own-data", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("resource:other (owned by team-b)", outcome.Evidence);
    }

    [Fact]
    public void WritesOwnData_WritesOwnAndReadsOthers_Passes()
    {
        var graph = Shop().Resource("resource:other", ownerTeam: "team-b")
            .Uses("svc", "resource:db", ResourceAccess.Write).Uses("svc", "resource:other", ResourceAccess.Read).Build();

        Assert.Equal(CriterionStatus.Pass, Run("writes-own-data", Service(), graph).Status);
    }
}
