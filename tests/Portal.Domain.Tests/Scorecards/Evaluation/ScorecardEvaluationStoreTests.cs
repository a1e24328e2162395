using Microsoft.EntityFrameworkCore;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>Stored evaluation: freshness, level history, rewriting only what changed, and evaluations racing each other.</summary>
public abstract class ScorecardEvaluationStoreTests(TestProvider provider) : ScorecardDatabaseTest(provider)
{
    private async Task BumpGraphVersionAsync()
    {
        await using var db = Db.CreateContext();
        await db.GraphStates.Where(g => g.Id == GraphState.SingletonId).ExecuteUpdateAsync(u => u.SetProperty(g => g.Version, g => g.Version + 1), Ct);
    }

    [Fact]
    public async Task EnsureFresh_AfterGraphChangeCalledTwice_SecondCallSkips()
    {
        await Evaluation.EnsureFreshAsync(Ct);
        await BumpGraphVersionAsync();

        var first = await Evaluation.EnsureFreshAsync(Ct);
        var second = await Evaluation.EnsureFreshAsync(Ct);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task EvaluateAll_SecondPassLaterTheSameDay_WritesNothing()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        Clock.Advance(TimeSpan.FromHours(3));

        var second = await Evaluation.EvaluateAllAsync(Ct);

        Assert.Equal(0, second.Changed);
    }

    [Fact]
    public async Task LevelHistory_TwoChangesInOneDay_HoldsTheLatest()
    {
        var yusuf = await PersonAsync("yusuf.demir");
        var erik = await PersonAsync("erik.johansson");
        await Evaluation.EvaluateAllAsync(Ct);
        var request = await Commands.RequestExemptionAsync(yusuf, "disputes", "no-foreign-writers", "Moves behind the payments API in Q1.", Today.AddDays(30), Ct);

        var approved = await Commands.DecideExemptionAsync(erik, request.Id, true, null, request.Version, Ct);
        var raised = await CardAsync("disputes");
        Assert.Equal(raised.Levels[ScalingSignal.DataModel], await HistoryLevelAsync("disputes", ScalingSignal.DataModel));
        await Commands.RevokeExemptionAsync(erik, approved.Id, "Not agreed after all.", approved.Version, Ct);

        var lowered = await CardAsync("disputes");
        Assert.True(lowered.Levels[ScalingSignal.DataModel] < raised.Levels[ScalingSignal.DataModel]);
        Assert.Equal(lowered.Levels[ScalingSignal.DataModel], await HistoryLevelAsync("disputes", ScalingSignal.DataModel));
    }

    [Fact]
    public async Task SaveFramework_ChangedCriterionEffectiveLater_OldDefinitionCountsUntilThatDay()
    {
        var before = await CardAsync("disputes");
        Assert.Equal(CriterionStatus.Fail, Result(before, "no-foreign-writers").Status);
        var yaml = await Frameworks.CurrentYamlAsync(Ct);
        const string bronze = "  - key: no-foreign-writers\n    signal: data-model\n    level: bronze\n";
        Assert.Contains(bronze, yaml, StringComparison.Ordinal);
        var effective = Today.AddDays(30);
        var relevelled = yaml.Replace(bronze, $"  - key: no-foreign-writers\n    signal: data-model\n    level: gold\n    effectiveFrom: {effective:yyyy-MM-dd}\n", StringComparison.Ordinal);

        await Frameworks.SaveAsync(Actor.System, relevelled, null, Ct);

        var during = await CardAsync("disputes");
        Assert.Equal(2, during.Framework.Version);
        Assert.Equal(ScoreLevel.Bronze, Result(during, "no-foreign-writers").Level);
        Assert.Equal(effective, Result(during, "no-foreign-writers").ChangesOn);
        Assert.Equal(before.Levels[ScalingSignal.DataModel], during.Levels[ScalingSignal.DataModel]);
        var restarted = await new FrameworkStore(Db.Factory, Clock).CurrentAsync(Ct);
        Assert.Equal(ScoreLevel.Bronze, restarted.CountingOn("no-foreign-writers", Today)!.Level);

        Clock.Advance(TimeSpan.FromDays(30));
        var after = await CardAsync("disputes");
        Assert.Equal(ScoreLevel.Gold, Result(after, "no-foreign-writers").Level);
        Assert.Null(Result(after, "no-foreign-writers").ChangesOn);
    }

    private async Task<ScoreLevel> HistoryLevelAsync(string service, ScalingSignal signal)
    {
        await using var db = Db.CreateContext();
        var id = await db.Services.Where(s => s.Name == service).Select(s => s.Id).SingleAsync(Ct);
        var row = await db.ScorecardLevelHistory.AsNoTracking().SingleAsync(h => h.ServiceId == id && h.Day == Today, Ct);
        var index = ScalingSignals.All.ToList().IndexOf(signal);
        return (ScoreLevel)(row.Levels[index] - '0');
    }

    [Fact]
    public async Task Overview_ExpiredAnswers_CountedApartFromThoseExpiringSoon()
    {
        var ada = await PersonAsync("ada.okafor");
        await Commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Lock waits on the dashboard.", null, ct: Ct);
        Clock.Advance(TimeSpan.FromDays(170));

        var overview = await Queries.OverviewAsync(Ct);

        Assert.DoesNotContain(overview.ExpiringAnswers, a => a.Expired);
        Assert.Contains(overview.ExpiringAnswers, a => a.Service == "payments" && a.Criterion == "contention-measured");
        Assert.True(overview.ExpiredAnswers >= 1);
        Assert.Equal(overview.ExpiredAnswers, overview.RecentlyExpired!.Count);
        Assert.Contains(overview.RecentlyExpired, a => a.Service == "invoices" && a.Criterion == "zero-downtime-migrations" && a.Expired);
    }

    [Fact]
    public async Task Overview_Movers_CompareWithTheLastLevelsOnOrBeforeTheQuarterStart()
    {
        await using (var db = Db.CreateContext())
        {
            var disputes = await db.Services.Where(s => s.Name == "disputes").Select(s => s.Id).SingleAsync(Ct);
            var checkout = await db.Services.Where(s => s.Name == "checkout").Select(s => s.Id).SingleAsync(Ct);
            // The quarter starts 2026-10-01: the September rows are the baselines, not the older or later ones.
            db.ScorecardLevelHistory.Add(new LevelHistoryRecord(disputes, new DateOnly(2026, 8, 1), ScoreLevel.None, "0000000"));
            db.ScorecardLevelHistory.Add(new LevelHistoryRecord(disputes, new DateOnly(2026, 9, 15), ScoreLevel.Gold, "3333333"));
            db.ScorecardLevelHistory.Add(new LevelHistoryRecord(checkout, new DateOnly(2026, 9, 20), ScoreLevel.None, "0000000"));
            db.ScorecardLevelHistory.Add(new LevelHistoryRecord(checkout, new DateOnly(2026, 10, 15), ScoreLevel.Gold, "3333333"));
            await db.SaveChangesAsync(Ct);
        }

        var overview = await Queries.OverviewAsync(Ct);

        Assert.Equal(new DateOnly(2026, 10, 1), overview.QuarterStart);
        Assert.Contains(overview.Dropped, c => c.Service == "disputes" && c.Before == ScoreLevel.Gold);
        Assert.Contains(overview.Improved, c => c.Service == "checkout" && c.Before == ScoreLevel.None);
        Assert.Equal(2, overview.Improved.Count + overview.Dropped.Count);
    }

    [Fact]
    public async Task PendingExemptions_ListsRequestsOldestFirst()
    {
        var yusuf = await PersonAsync("yusuf.demir");
        await Commands.RequestExemptionAsync(yusuf, "disputes", "no-foreign-writers", "Moves behind the payments API in Q1.", Today.AddDays(30), Ct);

        var pending = await Queries.PendingExemptionsAsync(Ct);

        var request = Assert.Single(pending);
        Assert.Equal("disputes", request.Service);
        Assert.Equal("yusuf.demir", request.RequestedByLogin);
    }

    [Fact]
    public async Task EvaluateAll_TwoInstancesAtOnce_BothFinishAndStoreEveryService()
    {
        var other = NewEvaluation();

        var one = Task.Run(() => Evaluation.EvaluateAllAsync(Ct), Ct);
        var two = Task.Run(() => other.EvaluateAllAsync(Ct), Ct);
        var page = Task.Run(() => NewEvaluation().EnsureFreshAsync(Ct), Ct);
        await Task.WhenAll(new Task[] { one, two, page });

        await using var db = Db.CreateContext();
        Assert.Equal(await db.Services.CountAsync(Ct), await db.ServiceScorecards.CountAsync(Ct));
        Assert.Equal((await one).Services, await db.ServiceScorecards.CountAsync(Ct));
    }

    [Fact]
    public async Task EvaluateServices_DuringAFullPass_KeepsTheFresherResult()
    {
        var ada = await PersonAsync("ada.okafor");
        await Evaluation.EvaluateAllAsync(Ct);
        await BumpGraphVersionAsync();

        // The full pass and the answer's own evaluation share one lock: whichever runs last saw the answer.
        var pass = Task.Run(() => Evaluation.EnsureFreshAsync(Ct), Ct);
        await Commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Lock waits on the dashboard.", null, ct: Ct);
        await pass;

        await using var db = Db.CreateContext();
        var id = await db.Services.Where(s => s.Name == "payments").Select(s => s.Id).SingleAsync(Ct);
        var stored = await db.ServiceScorecards.AsNoTracking().SingleAsync(r => r.ServiceId == id, Ct);
        Assert.Equal(CriterionStatus.Pass, stored.Results.Single(r => r.Criterion == "contention-measured").Status);
    }
}

public sealed class SqliteScorecardEvaluationStoreTests() : ScorecardEvaluationStoreTests(TestProvider.Sqlite);

public sealed class PostgresScorecardEvaluationStoreTests() : ScorecardEvaluationStoreTests(TestProvider.Postgres);
