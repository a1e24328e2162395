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
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

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
        _reviews = new ReviewCommands(Db.Factory, new RecordingCloseQueue(), _clock);
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

    [Fact]
    public async Task CreateDebtItem_SubmittedTwiceWithTheSameVersion_OneDebtItemAndTheSecondToldWhy()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        await _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, allowDuplicate: true, ct: Ct));

        Assert.Equal("debtItem", ex.Field);
        Assert.Contains("already a debt item", ex.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.DebtItems.CountAsync(Ct));
    }

    [Fact]
    public async Task CreateDebtItem_TwoSubmitsAtOnce_ExactlyOneDebtItemLinked()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        Task<Guid> Submit() => Task.Run(() => _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, allowDuplicate: true, ct: Ct), Ct);

        var submits = new[] { Submit(), Submit() };
        try
        {
            await Task.WhenAll(submits);
        }
        catch (DomainValidationException)
        {
        }
        catch (ConcurrencyConflictException)
        {
        }

        Assert.Equal(1, submits.Count(t => t.IsCompletedSuccessfully));
        var refused = submits.Single(t => t.IsFaulted).Exception!.InnerException;
        Assert.True(refused is DomainValidationException { Field: "debtItem" } or ConcurrencyConflictException, refused?.ToString());
        await using var db = Db.CreateContext();
        var debt = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(debt.Id, (await db.ActionItems.SingleAsync(a => a.Id == item.Id, Ct)).DebtItemId);
    }

    [Fact]
    public async Task CreateDebtItem_ActionItemChangedBetweenCheckAndSave_ConflictAndNoDebtItem()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        var someoneElse = () => _records.SetActionItemStatusAsync(ada, item.Id, ActionItemStatus.Done, "Shipped.", item.Version, Ct);
        var actionDebt = new ActionItemDebtCommands(new InterruptingFactory(Db, someoneElse), _debt, _clock);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "debt.create", Ct));
    }

    [Fact]
    public async Task CreateDebtItem_ReviewClosing_RefusedAuditedAndNothingLogged()
    {
        var item = await ActionItemAsync();
        var ada = await PersonAsync("ada.okafor");
        await _reviews.RequestCloseAsync(await PersonAsync("erik.johansson"), "2026-Q4", Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _actionDebt.CreateDebtItemAsync(ada, item.Id, ActionItemDebtDraft.For(item) with { EffortDays = 3 }, item.Version, ct: Ct));

        Assert.Equal("status", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.action.debt.denied" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task CreateDebtItem_EditorsTeamItemAboutAnotherTeamsService_RefusedThoughTheirTeamIsOwner()
    {
        // Kwame (ledger-recon) records an action item for his own team about payments, which payments-core owns.
        var kwame = await PersonAsync("kwame.mensah");
        await _reviews.CreateAsync(await PersonAsync("erik.johansson"), new ReviewInput("2026-Q4"), Ct);
        await _records.AddActionItemAsync(kwame, "2026-Q4",
            new ActionItemInput("Rewrite payments' retries", null, "ledger-recon", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures, null, "payments"), Ct);
        var item = (await _queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
        var draft = ActionItemDebtDraft.For(item) with { EffortDays = 3 };
        Assert.Equal(("ledger-recon", "payments"), (draft.OwnerTeam, Assert.Single(draft.Services)));

        await Assert.ThrowsAsync<ForbiddenException>(() => _actionDebt.CreateDebtItemAsync(kwame, item.Id, draft, item.Version, ct: Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _debt.CreateAsync(kwame, draft with { FindingKey = null }, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
        Assert.Null((await db.ActionItems.SingleAsync(Ct)).DebtItemId);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "debt.create.denied", Ct));
    }

    /// <summary>Contexts whose first transaction starts only after <paramref name="meanwhile"/> ran (someone else's change).</summary>
    private sealed class InterruptingFactory(TestDatabase database, Func<Task> meanwhile) : IDbContextFactory<Portal.Domain.Persistence.PortalDbContext>
    {
        private readonly First _interceptor = new(meanwhile);

        public Portal.Domain.Persistence.PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<Portal.Domain.Persistence.PortalDbContext>(database.Options()).AddInterceptors(_interceptor).Options);

        private sealed class First(Func<Task> meanwhile) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
        {
            private int _fired;

            public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
                System.Data.Common.DbConnection connection,
                Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
                Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result,
                CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref _fired, 1) == 0)
                {
                    await meanwhile();
                }

                return result;
            }
        }
    }
}

public sealed class SqliteActionItemDebtTests() : ActionItemDebtTests(TestProvider.Sqlite);

public sealed class PostgresActionItemDebtTests() : ActionItemDebtTests(TestProvider.Postgres);
