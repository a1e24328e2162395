using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class TimeoutInversionsTests
{
    [Fact]
    public void TimeoutInversions_CallerWaitsLessThanCalleesRetries_Flagged()
    {
        // a waits 1,000 ms; b may spend 800 ms × 3 attempts = 2,400 ms on c.
        var g = Services("a", "b", "c").Edge("a", "b", timeoutMs: 1000).Edge("b", "c", timeoutMs: 800, retries: 2).Build();

        var inversion = Assert.Single(GraphAnalysis.TimeoutInversions(g));

        Assert.Equal(("a", "b", 1000, 2400L), (inversion.Caller, inversion.Callee, inversion.CallerTimeoutMs, inversion.CalleeBudgetMs));
        Assert.Equal("c", inversion.WorstDownstream.To);
        Assert.Contains("a gives up on b after 1,000 ms, but b may keep working for up to 2,400 ms", inversion.Summary);
    }

    [Fact]
    public void TimeoutInversions_CallerWaitsLongerThanBudget_NotFlagged()
    {
        var g = Services("a", "b", "c").Edge("a", "b", timeoutMs: 3000).Edge("b", "c", timeoutMs: 800, retries: 2).Build();

        Assert.Empty(GraphAnalysis.TimeoutInversions(g));
    }

    [Fact]
    public void TimeoutInversions_CalleeCallsTwoServices_TakesMaxNotSum()
    {
        // 600 + 700 > 1,000, but the calls are assumed parallel: the budget is 700 ms.
        var g = Services("a", "b", "c", "d")
            .Edge("a", "b", timeoutMs: 1000)
            .Edge("b", "c", timeoutMs: 600)
            .Edge("b", "d", timeoutMs: 700)
            .Build();

        Assert.Empty(GraphAnalysis.TimeoutInversions(g));
    }

    [Fact]
    public void TimeoutInversions_CallerWithoutTimeout_NotFlagged()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("b", "c", timeoutMs: 5000).Build();

        Assert.Empty(GraphAnalysis.TimeoutInversions(g));
    }

    [Fact]
    public void TimeoutInversions_AsynchronousCaller_NotFlagged()
    {
        var g = Services("a", "b", "c").Edge("a", "b", InteractionKind.AsyncQueue, timeoutMs: 100).Edge("b", "c", timeoutMs: 5000).Build();

        Assert.Empty(GraphAnalysis.TimeoutInversions(g));
    }

    [Fact]
    public void TimeoutInversions_CalleesSlowDatabaseCall_Counts()
    {
        var g = Services("a", "b").Resource("db").Edge("a", "b", timeoutMs: 500).Uses("b", "db", ResourceAccess.Read, timeoutMs: 2000).Build();

        Assert.Equal("db", Assert.Single(GraphAnalysis.TimeoutInversions(g)).WorstDownstream.To);
    }

    [Fact]
    public void TimeoutInversions_CallerRetries_SummarySaysRetriesAddWork()
    {
        var g = Services("a", "b", "c").Edge("a", "b", timeoutMs: 100, retries: 2).Edge("b", "c", timeoutMs: 500).Build();

        Assert.Contains("a's 2 retries start more of it", Assert.Single(GraphAnalysis.TimeoutInversions(g)).Summary);
    }
}
