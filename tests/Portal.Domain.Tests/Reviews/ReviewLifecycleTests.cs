using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// A review from creation to a closed, frozen record on a real database with the demo company: recording, closing
/// through the queue, immutability against later edits, reopening, and comparing with now.
/// </summary>
public abstract class ReviewLifecycleTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCloseQueue _queue = new();
    private FrameworkStore _frameworks = null!;
    private ScorecardCommands _scorecards = null!;
    private ReviewCommands _reviews = null!;
    private ReviewRecordCommands _records = null!;
    private ReviewCloser _closer = null!;
    private ReviewQueries _queries = null!;
    private ReviewComparisons _comparisons = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        var graphs = new GraphService(Db.Factory);
        _frameworks = new FrameworkStore(Db.Factory, _clock);
        var scores = new DebtScores(Db.Factory, graphs, _clock);
        var evaluation = new ScorecardEvaluation(Db.Factory, graphs, _frameworks, new ScorecardFactsLoader(Db.Factory, new DebtQueries(Db.Factory, scores, _clock)), _clock);
        var openDebt = new OpenDebtReader(Db.Factory, scores);
        _scorecards = new ScorecardCommands(Db.Factory, _frameworks, evaluation, _clock);
        _reviews = new ReviewCommands(Db.Factory, _queue, _clock);
        _records = new ReviewRecordCommands(Db.Factory, _clock);
        _closer = new ReviewCloser(Db.Factory, evaluation, _frameworks, graphs, openDebt, _clock);
        _queries = new ReviewQueries(Db.Factory, evaluation, _frameworks, graphs, openDebt, _clock);
        _comparisons = new ReviewComparisons(Db.Factory, evaluation, _frameworks, _clock);
    }

    private async Task<Actor> PersonAsync(string name) => (await new ActorDirectory(Db.Factory).ForPersonAsync(name, ct: Ct))!;

    /// <summary>The version of the demo's current answer, which an update must name (null when there is none).</summary>
    private async Task<int?> AnswerVersionAsync(string service, string criterion)
    {
        await using var db = Db.CreateContext();
        return await db.ScorecardAnswers.Where(a => a.CriterionKey == criterion)
            .Join(db.Services.Where(s => s.Name == service), a => a.ServiceId, s => s.Id, (a, s) => (int?)a.Version).FirstOrDefaultAsync(Ct);
    }

    /// <summary>Creates the organisation's 2026-Q4 review with a decision and an action item, and closes it through the queue.</summary>
    private async Task<ReviewCloseResult> CloseQ4Async()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);
        await _records.AddNoteAsync(admin, "2026-Q4", new NoteInput(ReviewNoteKind.Decision, "Reserve 20% of payments capacity for timeouts.", ScalingSignal.CascadingFailures, "payments-core"), Ct);
        await _records.AddActionItemAsync(admin, "2026-Q4",
            new ActionItemInput("Add timeouts to every outbound call", null, "payments-core", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures, ScoreLevel.Silver), Ct);
        await _reviews.RequestCloseAsync(admin, "2026-Q4", Ct);
        var (reviewId, revision) = Assert.Single(_queue.Queued);
        return (await _closer.CloseAsync(reviewId, revision, Ct))!;
    }

    private async Task<(byte[] Content, string Levels, byte[] Detail)> StoredAsync(string service)
    {
        await using var db = Db.CreateContext();
        var snapshot = await db.ReviewSnapshots.AsNoTracking().SingleAsync(Ct);
        var row = await db.ReviewSnapshotServices.AsNoTracking().SingleAsync(s => s.SnapshotId == snapshot.Id && s.Service == service, Ct);
        return (snapshot.Content, row.Levels, row.Detail);
    }

    [Fact]
    public async Task Close_ThroughTheQueue_FreezesEveryServiceWithRecordAndProgress()
    {
        var result = await CloseQ4Async();

        var view = (await _queries.GetAsync("2026-Q4", ct: Ct))!;
        Assert.Equal(ReviewStatus.Closed, view.Status);
        Assert.Equal(ReviewClosingStatus.Succeeded, view.Closing!.Status);
        Assert.Equal(view.Closing.Total, view.Closing.Done);
        Assert.True(result.Services > 30);
        var content = (await _queries.ContentAsync("2026-Q4", ct: Ct))!;
        Assert.False(content.Live);
        Assert.Equal(result.Services, content.Content.Organisation.Services);
        Assert.Contains(content.Content.Notes, n => n.Kind == ReviewNoteKind.Decision && n.Text.StartsWith("Reserve 20%", StringComparison.Ordinal));
        var item = Assert.Single(content.Content.ActionItems);
        Assert.Equal(("Payments Core", ActionItemStatus.Open), (item.Team, item.Status));
        Assert.True(item.TargetServices > 0);
        Assert.Equal(1, content.Content.Framework.Version);
        Assert.NotEmpty(content.Content.Teams);
        var payments = (await _queries.SnapshotServiceAsync("2026-Q4", "payments", ct: Ct))!;
        Assert.Equal(content.Content.Framework.Criteria.Count, payments.Detail.Results.Count);
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.close.complete" && a.EntityKey == "2026-Q4", Ct));
    }

    [Fact]
    public async Task Close_WithActiveInitiatives_FreezesEachOnesProgressAsTheInitiativeListCountsIt()
    {
        var admin = await PersonAsync("erik.johansson");
        var initiatives = new InitiativeCommands(Db.Factory, _clock);
        var (starts, due) = (new DateOnly(2026, 11, 1), new DateOnly(2027, 3, 31));
        await initiatives.CreateAsync(admin, new InitiativeInput(
            "Every tier-1 service at Silver on cascading failures", null, ScalingSignal.CascadingFailures, ScoreLevel.Silver, [], 1, "payments-core", starts, due), ct: Ct);
        await initiatives.CreateAsync(admin, new InitiativeInput(
            "Payments Core observable at Bronze", null, ScalingSignal.Observability, ScoreLevel.Bronze, ["payments-core"], null, "payments-core", starts, due), ct: Ct);

        await CloseQ4Async();

        var frozen = (await _queries.ContentAsync("2026-Q4", ct: Ct))!.Content.Initiatives;
        var now = (await new InitiativeQueries(Db.Factory, _clock).ListAsync(new InitiativeFilter(), Ct)).Items;
        Assert.Equal(2, frozen.Count);
        Assert.Equal(2, now.Count);
        foreach (var initiative in now)
        {
            var kept = Assert.Single(frozen, f => f.Id == initiative.Id);
            Assert.Equal((initiative.Met, initiative.Total), (kept.Met, kept.Total));
            Assert.True(kept.Total > 0);
        }

        Assert.NotEqual(frozen[0].Total, frozen[1].Total);
    }

    [Fact]
    public async Task Close_ThenAnswersFrameworkAndCatalogChange_ClosedReviewUnchanged()
    {
        await CloseQ4Async();
        var before = await StoredAsync("payments");
        var beforeView = (await _queries.SnapshotServiceAsync("2026-Q4", "payments", ct: Ct))!;
        var beforeContent = (await _queries.ContentAsync("2026-Q4", ct: Ct))!.Content;

        var ada = await PersonAsync("ada.okafor");
        await _scorecards.AnswerAsync(ada, "payments", "idempotent-writes", 4, "Every write takes an idempotency key now.", null, await AnswerVersionAsync("payments", "idempotent-writes"), Ct);
        var erik = await PersonAsync("erik.johansson");
        var yaml = await _frameworks.CurrentYamlAsync(Ct);
        await _frameworks.SaveAsync(erik, yaml.Replace("title: \"A runbook is linked\"", "title: \"A runbook is one click away\""), 1, Ct);
        await using (var db = Db.CreateContext())
        {
            await db.Services.Where(s => s.Name == "payments").ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Payments (renamed)"), Ct);
            await db.Teams.ExecuteUpdateAsync(t => t.SetProperty(x => x.Title, "Renamed team"), Ct);
        }

        _clock.Advance(TimeSpan.FromDays(30));
        var after = await StoredAsync("payments");
        var afterView = (await _queries.SnapshotServiceAsync("2026-Q4", "payments", ct: Ct))!;
        var afterContent = (await _queries.ContentAsync("2026-Q4", ct: Ct))!.Content;
        Assert.Equal(before.Content, after.Content);
        Assert.Equal(before.Levels, after.Levels);
        Assert.Equal(before.Detail, after.Detail);
        Assert.Equal(beforeView.Service.DisplayName, afterView.Service.DisplayName);
        Assert.DoesNotContain(afterView.Detail.Answers, a => a.Note == "Every write takes an idempotency key now.");
        Assert.Equal("A runbook is linked", afterContent.Framework.Criteria.Single(c => c.Key == "runbook-link").Title);
        Assert.Equal(beforeContent.Teams.Select(t => t.Name), afterContent.Teams.Select(t => t.Name));
        Assert.DoesNotContain(afterContent.Teams, t => t.Name == "Renamed team");
    }

    [Fact]
    public async Task RecordAfterClose_Refused_AndActionStatusStillAllowedWithoutChangingTheRecord()
    {
        await CloseQ4Async();
        var admin = await PersonAsync("erik.johansson");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _records.AddNoteAsync(admin, "2026-Q4", new NoteInput(ReviewNoteKind.Finding, "Too late."), Ct));
        Assert.Equal("status", ex.Field);
        var item = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
        await _records.SetActionItemStatusAsync(admin, item.Id, ActionItemStatus.Done, "Shipped.", item.Version, Ct);

        var live = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
        var frozen = (await _queries.ContentAsync("2026-Q4", ct: Ct))!.Content.ActionItems.Single();
        Assert.Equal(ActionItemStatus.Done, live.Status);
        Assert.Equal(ActionItemStatus.Open, frozen.Status);
    }

    [Fact]
    public async Task Reopen_ByEditor_RefusedAndAudited_ByAdmin_NewRevisionKeepsFirstSnapshot()
    {
        await CloseQ4Async();
        var view = (await _queries.GetAsync("2026-Q4", ct: Ct))!;
        var ada = await PersonAsync("ada.okafor");

        await Assert.ThrowsAsync<ForbiddenException>(() => _reviews.ReopenAsync(ada, "2026-Q4", "I want to add something.", view.Version, Ct));
        var admin = await PersonAsync("erik.johansson");
        await _reviews.ReopenAsync(admin, "2026-Q4", "A decision was left out.", view.Version, Ct);

        var reopened = (await _queries.GetAsync("2026-Q4", ct: Ct))!;
        Assert.Equal((ReviewStatus.Open, 2), (reopened.Status, reopened.Revision));
        Assert.Single(reopened.Revisions);
        Assert.NotNull(await _queries.ContentAsync("2026-Q4", 1, Ct));
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.reopen.denied", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.reopen" && a.Actor == "erik.johansson", Ct));
    }

    [Fact]
    public async Task Close_RunTwice_SecondDoesNothing()
    {
        await CloseQ4Async();
        var (reviewId, revision) = _queue.Queued.Single();

        Assert.Null(await _closer.CloseAsync(reviewId, revision, Ct));
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.ReviewSnapshots.CountAsync(Ct));
    }

    [Fact]
    public async Task Compare_ClosedWithNow_AfterAnswerChange_ShowsTheChange()
    {
        await CloseQ4Async();
        var ada = await PersonAsync("ada.okafor");
        await _scorecards.AnswerAsync(ada, "payments", "idempotent-writes", 1, "Only the refund endpoint is idempotent.", null, await AnswerVersionAsync("payments", "idempotent-writes"), Ct);

        var result = await _comparisons.CompareAsync("2026-Q4", "now", Ct);

        Assert.Equal(("2026-Q4", "now"), (result.From, result.To));
        Assert.Equal(result.Totals.ServicesBefore, result.Totals.ServicesAfter);
        var item = Assert.Single(result.ActionItems);
        Assert.Equal(ActionOutcome.Open, item.Outcome);
    }

    [Fact]
    public async Task Compare_WithNowAfterUtcMidnight_MissedCountedFromTheViewersDay()
    {
        await CloseQ4Async();
        // 01:00 UTC on the day after the item was due: 17:00 on its due date in UTC−8, where it is not missed yet.
        _clock.SetUtcNow(new DateTimeOffset(2027, 2, 16, 1, 0, 0, TimeSpan.Zero));

        var viewerWest = await _comparisons.CompareAsync("2026-Q4", "now", new DateOnly(2027, 2, 15), Ct);
        var utc = await _comparisons.CompareAsync("2026-Q4", "now", Ct);
        var notAnyonesToday = await _comparisons.CompareAsync("2026-Q4", "now", new DateOnly(2027, 1, 1), Ct);

        Assert.Equal(ActionOutcome.Open, Assert.Single(viewerWest.ActionItems).Outcome);
        Assert.Equal(ActionOutcome.Missed, Assert.Single(utc.ActionItems).Outcome);
        Assert.Equal((0, 1), (viewerWest.Totals.ActionsMissed, utc.Totals.ActionsMissed));
        Assert.Equal(ActionOutcome.Open, Assert.Single(notAnyonesToday.ActionItems).Outcome);
    }

    [Fact]
    public async Task Compare_FromOpenReview_RefusedNamingTheParameter()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _comparisons.CompareAsync("2026-Q4", null, Ct));

        Assert.Equal("from", ex.Field);
        Assert.Contains("not been closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameQuarterTwice_RefusedNamingQuarter()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _reviews.CreateAsync(admin, new ReviewInput("2026-q4"), Ct));

        Assert.Equal("quarter", ex.Field);
    }

    [Fact]
    public async Task Readiness_DemoOrganisation_ListsTeamsThatStillHaveToAnswer()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);

        var readiness = (await _queries.ReadinessAsync("2026-Q4", Ct))!;

        Assert.True(readiness.Totals.Expected > 0);
        Assert.True(readiness.Totals.Current < readiness.Totals.Expected);
        Assert.NotEmpty(readiness.Teams);
    }
}

public sealed class SqliteReviewLifecycleTests() : ReviewLifecycleTests(TestProvider.Sqlite);

public sealed class PostgresReviewLifecycleTests() : ReviewLifecycleTests(TestProvider.Postgres);
