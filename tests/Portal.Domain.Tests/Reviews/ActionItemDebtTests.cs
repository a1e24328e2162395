using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Gaps becoming debt items in one step, on the demo company: a review's action item (linked both ways, audited,
/// refused when not allowed or already done) and a failing scorecard criterion (shown on the scorecard afterwards).
/// </summary>
public abstract class ActionItemDebtTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewCommands _reviews = null!;
    private ReviewRecordCommands _records = null!;
    private ReviewQueries _queries = null!;
    private DebtCommands _debt = null!;
    private ActionItemDebtCommands _actionDebt = null!;
    private ScorecardQueries _scorecards = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        var graphs = new GraphService(Db.Factory);
        var frameworks = new FrameworkStore(Db.Factory, _clock);
        var scores = new DebtScores(Db.Factory, graphs, _clock);
        var evaluation = new ScorecardEvaluation(Db.Factory, graphs, frameworks, new ScorecardFactsLoader(Db.Factory, new DebtQueries(Db.Factory, scores, _clock)), _clock);
        _reviews = new ReviewCommands(Db.Factory, new NoQueue(), _clock);
        _records = new ReviewRecordCommands(Db.Factory, _clock);
        _queries = new ReviewQueries(Db.Factory, evaluation, frameworks, graphs, new OpenDebtReader(Db.Factory, scores), _clock);
        _debt = new DebtCommands(Db.Factory, scores, _clock);
        _actionDebt = new ActionItemDebtCommands(Db.Factory, _debt, _clock);
        _scorecards = new ScorecardQueries(Db.Factory, evaluation, frameworks, graphs, _clock);
    }

    private async Task<Actor> PersonAsync(string name) => (await new ActorDirectory(Db.Factory).ForPersonAsync(name, ct: Ct))!;

    /// <summary>The organisation's 2026-Q4 review with one action item about payments' timeouts.</summary>
    private async Task<ActionItemDto> ActionItemAsync()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);
        await _records.AddActionItemAsync(admin, "2026-Q4",
            new ActionItemInput("Add timeouts to every outbound call", "Start with the card gateway.", "payments-core", new DateOnly(2027, 2, 15),
                ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments"), Ct);
        return (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
    }

    [Fact]
    public async Task CreateDebtItem_FromActionItem_LinksBothWaysAndAudits()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");

        var debtId = await _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct);

        var after = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
        Assert.Equal(debtId, after.DebtItemId);
        await using var db = Db.CreateContext();
        var debt = await db.DebtItems.AsNoTracking().Include(d => d.Services).ThenInclude(s => s.Service).SingleAsync(d => d.Id == debtId, Ct);
        Assert.Equal(("Add timeouts to every outbound call", ScalingSignal.CascadingFailures, 3.0), (debt.Title, debt.Signal, debt.EffortDays));
        Assert.Equal("payments", Assert.Single(debt.Services).Service!.Name);
        Assert.Equal(new DateOnly(2027, 2, 15), debt.PayBackBy);
        Assert.Equal(ActionItemDebtDraft.FindingKey(item.Id), debt.FindingKey);
        var link = Assert.Single(debt.Links);
        Assert.Equal($"/reviews/2026-Q4#action-{item.Id}", link.Url);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.action.debt" && a.EntityKey == $"2026-Q4/{item.Id}" && a.Actor == "ada.okafor", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "debt.create" && a.EntityKey == debtId.ToString(), Ct));
    }

    [Fact]
    public async Task CreateDebtItem_AlreadyADebtItem_RefusedAndNothingMoreLogged()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        await _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct);
        var linked = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(linked) with { Title = "Again", EffortDays = 1 }, linked.Version, ct: Ct));

        Assert.Equal("debtItem", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.DebtItems.CountAsync(Ct));
    }

    [Fact]
    public async Task CreateDebtItem_StaleVersion_ConflictAndNothingLogged()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        await _records.SetActionItemStatusAsync(ada, item.Id, ActionItemStatus.Done, "Shipped.", item.Version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
    }

    [Fact]
    public async Task CreateDebtItem_ByViewer_RefusedAuditedAndNothingLogged()
    {
        var item = await ActionItemAsync();
        var grace = await PersonAsync("grace.nwosu");

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _actionDebt.CreateDebtItemAsync(grace, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.action.debt.denied" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task Draft_ItemForTheWholeTeam_NamesTheTeamsServicesMostCriticalFirst()
    {
        var admin = await PersonAsync("erik.johansson");
        await _reviews.CreateAsync(admin, new ReviewInput("2026-Q4"), Ct);
        await _records.AddActionItemAsync(admin, "2026-Q4", new ActionItemInput("Trace every payment path", null, "payments-core", new DateOnly(2027, 3, 1)), Ct);
        var item = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();

        var draft = await _actionDebt.DraftAsync(item, Ct);

        await using var db = Db.CreateContext();
        var owned = await db.Services.Where(s => s.OwnerTeam!.Name == "payments-core").OrderBy(s => s.Tier).ThenBy(s => s.Name).Select(s => s.Name).ToListAsync(Ct);
        Assert.NotEmpty(owned);
        Assert.Equal(owned, draft.Services);
        Assert.Equal("payments-core", draft.OwnerTeam);
    }

    [Fact]
    public async Task DebtItems_CriterionLoggedAsDebt_ShownOnThatCriterionOnly()
    {
        var card = (await _scorecards.ServiceAsync("payments", Ct))!;
        var failing = card.Results.First(r => r.Status == CriterionStatus.Fail);
        var criterion = card.Framework.Find(failing.Criterion)!;
        var ada = await PersonAsync("ada.okafor");
        Assert.Empty(await _scorecards.DebtItemsAsync("payments", Ct));

        var (id, _) = await _debt.CreateAsync(ada, CriterionDebtDraft.For(card.Service, card.DisplayName, criterion, failing), ct: Ct);

        var linked = await _scorecards.DebtItemsAsync("payments", Ct);
        var debt = Assert.Single(linked);
        Assert.Equal((failing.Criterion, id, DebtStatus.Proposed), (debt.Key, debt.Value.Id, debt.Value.Status));
        Assert.Empty(await _scorecards.DebtItemsAsync("ledger", Ct));
    }

    private sealed class NoQueue : IReviewCloseQueue
    {
        public void Enqueue(Guid reviewId, int revision)
        {
        }
    }
}

public sealed class SqliteActionItemDebtTests() : ActionItemDebtTests(TestProvider.Sqlite);

public sealed class PostgresActionItemDebtTests() : ActionItemDebtTests(TestProvider.Postgres);
