using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;

namespace Portal.Domain.Tests.Scorecards.Checks;

public sealed class ResilienceChecksTests
{
    private static DependencyGraphBuilder Three() => new DependencyGraphBuilder()
        .Service("svc", ownerTeam: "team-a").Service("b", ownerTeam: "team-b").Service("c", ownerTeam: "team-b");

    [Fact]
    public void SyncTimeouts_SomeCallsWithoutTimeout_FailsNamingThem()
    {
        var graph = Three().Edge("svc", "b", timeoutMs: 500).Edge("svc", "c").Build();

        var outcome = Run("sync-timeouts", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("1 of 2 synchronous calls declare no timeout: svc → c", outcome.Evidence);
    }

    [Fact]
    public void SyncTimeouts_AsyncCallWithoutTimeout_Passes()
    {
        var graph = Three().Edge("svc", "b", timeoutMs: 500).Edge("svc", "c", InteractionKind.AsyncEvent).Build();

        Assert.Equal(CriterionStatus.Pass, Run("sync-timeouts", Service(), graph).Status);
    }

    [Fact]
    public void SyncTimeouts_UndeclaredKindWithoutTimeout_CountsAsSynchronous()
    {
        var graph = Three().Edge("svc", "b", InteractionKind.Unknown).Build();

        Assert.Equal(CriterionStatus.Fail, Run("sync-timeouts", Service(), graph).Status);
    }

    [Fact]
    public void SyncTimeouts_ServiceNotInGraph_Unknown()
    {
        var graph = Three().Build();

        Assert.Equal(CriterionStatus.Unknown, Run("sync-timeouts", Service("elsewhere"), graph).Status);
    }

    [Fact]
    public void BoundedRetries_TooManyRetries_Fails()
    {
        var graph = Three().Edge("svc", "b", timeoutMs: 500, retries: 5, backoff: true).Build();

        var outcome = Run("bounded-retries", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("more than 3 retries on svc → b (5 retries)", outcome.Evidence, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BoundedRetries_RetriesWithoutBackoff_Fails()
    {
        var graph = Three().Edge("svc", "b", timeoutMs: 500, retries: 1).Build();

        var outcome = Run("bounded-retries", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("without backoff on svc → b", outcome.Evidence);
    }

    [Fact]
    public void BoundedRetries_AmplificationAboveThreshold_FailsWithPath()
    {
        // 3 attempts × 4 attempts = 12 requests at c for one request to svc.
        var graph = Three().Edge("svc", "b", retries: 2, backoff: true).Edge("b", "c", retries: 3, backoff: true).Build();

        var outcome = Run("bounded-retries", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("one request can become 12 at c (svc → b → c), more than 10", outcome.Evidence, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BoundedRetries_AmplificationWithinThreshold_Passes()
    {
        var graph = Three().Edge("svc", "b", retries: 2, backoff: true).Edge("b", "c", retries: 3, backoff: true).Build();

        var outcome = Run("bounded-retries", Service(), graph, new() { ["maxAmplification"] = 12 });

        Assert.Equal(CriterionStatus.Pass, outcome.Status);
    }

    [Fact]
    public void BreakerOrFallback_BareCall_Fails()
    {
        var graph = Three().Edge("svc", "b", circuitBreaker: true).Edge("svc", "c", fallback: false).Build();

        var outcome = Run("breaker-or-fallback", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("svc → c", outcome.Evidence);
        Assert.DoesNotContain("svc → b", outcome.Evidence);
    }

    [Fact]
    public void BreakerOrFallback_EveryCallGuarded_Passes()
    {
        var graph = Three().Edge("svc", "b", circuitBreaker: true).Edge("svc", "c", fallback: true).Build();

        Assert.Equal(CriterionStatus.Pass, Run("breaker-or-fallback", Service(), graph).Status);
    }

    [Fact]
    public void TimeoutsNest_CallerGivesUpFirst_Fails()
    {
        // svc waits 1 s on b, but b may spend 2 × 800 ms on c.
        var graph = Three().Edge("svc", "b", timeoutMs: 1000).Edge("b", "c", timeoutMs: 800, retries: 1).Build();

        var outcome = Run("timeouts-nest", Service(), graph);

        Assert.Equal(CriterionStatus.Fail, outcome.Status);
        Assert.Contains("svc → b waits 1,000 ms but b may spend 1,600 ms on b → c", outcome.Evidence);
    }

    [Fact]
    public void TimeoutsNest_BudgetsNest_Passes()
    {
        var graph = Three().Edge("svc", "b", timeoutMs: 2000).Edge("b", "c", timeoutMs: 800, retries: 1).Build();

        Assert.Equal(CriterionStatus.Pass, Run("timeouts-nest", Service(), graph).Status);
    }

    [Fact]
    public void TimeoutsNest_NoTimedCalls_Unknown()
    {
        var graph = Three().Edge("svc", "b").Build();

        Assert.Equal(CriterionStatus.Unknown, Run("timeouts-nest", Service(), graph).Status);
    }
}
