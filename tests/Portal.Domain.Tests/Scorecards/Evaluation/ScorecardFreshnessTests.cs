using Microsoft.EntityFrameworkCore;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using Portal.Testing;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// Reads never wait for a full pass over a large catalog: they get the stored results, told how old they are, while one
/// pass runs in the background; one service's page evaluates that service on the spot. A test that held the pass lock
/// and still got an answer proves the read did not wait for it.
/// </summary>
public abstract class ScorecardFreshnessTests(TestProvider provider) : ScorecardDatabaseTest(provider)
{
    private async Task BumpGraphVersionAsync()
    {
        await using var db = Db.CreateContext();
        await db.GraphStates.Where(g => g.Id == GraphState.SingletonId).ExecuteUpdateAsync(u => u.SetProperty(g => g.Version, g => g.Version + 1), Ct);
    }

    [Fact]
    public async Task Freshness_LargeCatalogAfterGraphChange_ReadsStoredResultsWhileABackgroundPassRuns()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        var before = await Queries.FreshnessAsync(Ct);
        await BumpGraphVersionAsync();
        Evaluation.InlineLimit = 0;
        var finished = new List<EvaluationRun>();
        Evaluation.Evaluated += finished.Add;

        // Another pass holds the lock: a read that waited for a pass would never return.
        await Evaluation.PassLock.WaitAsync(Ct);
        ScorecardFreshness stale;
        int listed;
        try
        {
            stale = await Queries.FreshnessAsync(Ct);
            listed = (await Queries.ListAsync(new ScorecardListQuery(null, null, null, 1, 10), Ct)).Total;
            Assert.False(Evaluation.BackgroundPass.IsCompleted);
        }
        finally
        {
            Evaluation.PassLock.Release();
        }

        await Evaluation.BackgroundPass;

        Assert.True(before.IsFresh);
        Assert.False(stale.IsFresh);
        Assert.True(stale.Refreshing);
        Assert.Equal(before.EvaluatedAt, stale.EvaluatedAt);
        await using var db = Db.CreateContext();
        Assert.Equal(await db.Services.CountAsync(Ct), listed);
        Assert.Single(finished);
        Assert.True((await Queries.FreshnessAsync(Ct)).IsFresh);
    }

    [Fact]
    public async Task Freshness_StaleTwiceWhileAPassRuns_StartsOnePass()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        await BumpGraphVersionAsync();
        Evaluation.InlineLimit = 0;

        await Evaluation.PassLock.WaitAsync(Ct);
        Task first, second;
        try
        {
            await Queries.FreshnessAsync(Ct);
            first = Evaluation.BackgroundPass;
            await Queries.OverviewAsync(Ct);
            second = Evaluation.BackgroundPass;
        }
        finally
        {
            Evaluation.PassLock.Release();
        }

        await first;
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Freshness_SmallCatalogAfterGraphChange_IsBroughtUpToDateInTheRead()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        await BumpGraphVersionAsync();

        var freshness = await Queries.FreshnessAsync(Ct);

        Assert.True(freshness.IsFresh);
        Assert.False(freshness.Refreshing);
        Assert.True(Evaluation.BackgroundPass.IsCompleted);
    }

    [Fact]
    public async Task Service_WhileStoredResultsAreStale_EvaluatesThatServiceOnTheSpot()
    {
        var ada = await PersonAsync("ada.okafor");
        await Commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Lock waits on the dashboard.", null, ct: Ct);
        Assert.Equal(CriterionStatus.Pass, Result(await CardAsync("payments"), "contention-measured").Status);

        // Two years on the answer has expired: the stored result still says pass until a full pass runs.
        Clock.Advance(TimeSpan.FromDays(730));
        Evaluation.InlineLimit = 0;
        await Evaluation.PassLock.WaitAsync(Ct);
        ServiceScorecardView card;
        try
        {
            card = await CardAsync("payments");
        }
        finally
        {
            Evaluation.PassLock.Release();
        }

        await Evaluation.BackgroundPass;
        Assert.Equal(CriterionStatus.Unknown, Result(card, "contention-measured").Status);
        Assert.Contains("expired", Result(card, "contention-measured").Evidence, StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, card.EvaluatedAt);
    }
}

public sealed class SqliteScorecardFreshnessTests() : ScorecardFreshnessTests(TestProvider.Sqlite);

public sealed class PostgresScorecardFreshnessTests() : ScorecardFreshnessTests(TestProvider.Postgres);
