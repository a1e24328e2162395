using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
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
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Changing and deleting what a review recorded: only while it is open, version-checked, audited with what it said,
/// and an action item that became a debt item is kept (it is dropped instead).
/// </summary>
public abstract class ReviewRecordEditTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewCommands _reviews = null!;
    private ReviewRecordCommands _records = null!;
    private ReviewQueries _queries = null!;
    private ActionItemDebtCommands _actionDebt = null!;
    private Actor _admin = null!;

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
        _actionDebt = new ActionItemDebtCommands(Db.Factory, new DebtCommands(Db.Factory, scores, _clock), _clock);
        _admin = (await new ActorDirectory(Db.Factory).ForPersonAsync("erik.johansson", ct: Ct))!;
        await _reviews.CreateAsync(_admin, new ReviewInput("2026-Q4"), Ct);
    }

    private async Task<ReviewView> ViewAsync() => (await _queries.GetAsync("2026-Q4", ct: Ct))!;

    private Task<Guid> AddItemAsync(string? service = null) => _records.AddActionItemAsync(_admin, "2026-Q4",
        new ActionItemInput("Add timeouts to every outbound call", null, "payments-core", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures, null, service), Ct);

    [Fact]
    public async Task EditNote_OpenReview_ChangesTextAndAuditsBeforeAndAfter()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Decision, "Reserve 10% for timeouts."), Ct);
        var note = (await ViewAsync()).Notes.Single();

        await _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Reserve 20% for timeouts.", ScalingSignal.CascadingFailures, "payments-core"), note.Version, Ct);

        var edited = (await ViewAsync()).Notes.Single();
        Assert.Equal(("Reserve 20% for timeouts.", ScalingSignal.CascadingFailures, "payments-core"), (edited.Text, edited.Signal, edited.Team));
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "reviews.note.edit", Ct);
        Assert.Contains("10%", audit.Before, StringComparison.Ordinal);
        Assert.Contains("20%", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditNoteEditActionAndSetStatus_AuditAfterCarriesTheVersionSaved()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Decision, "Reserve 10% for timeouts."), Ct);
        var note = (await ViewAsync()).Notes.Single();
        var noteVersion = await _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Reserve 20% for timeouts."), note.Version, Ct);
        var itemId = await AddItemAsync();
        var item = (await ViewAsync()).ActionItems.Single(a => a.Id == itemId);
        var edited = await _records.EditActionItemAsync(_admin, itemId,
            new ActionItemInput("Timeouts on every outbound call", null, "payments-core", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures), item.Version, Ct);
        var done = await _records.SetActionItemStatusAsync(_admin, itemId, ActionItemStatus.Done, "Shipped.", edited, Ct);

        await using var db = Db.CreateContext();
        Assert.Equal((note.Version, noteVersion), await VersionsAsync(db, "reviews.note.edit"));
        Assert.Equal((item.Version, edited), await VersionsAsync(db, "reviews.action.edit"));
        Assert.Equal((edited, done), await VersionsAsync(db, "reviews.action.status"));
        Assert.Equal(done, (await ViewAsync()).ActionItems.Single(a => a.Id == itemId).Version);
    }

    private static async Task<(int Before, int After)> VersionsAsync(Portal.Domain.Persistence.PortalDbContext db, string action)
    {
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == action, Ct);
        static int Of(string? json) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("version").GetInt32();
        return (Of(entry.Before), Of(entry.After));
    }

    [Fact]
    public async Task EditNote_StaleVersion_ConflictAndTheirTextKept()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Finding, "Ledger has no timeouts."), Ct);
        var note = (await ViewAsync()).Notes.Single();
        await _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Theirs."), note.Version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Mine."), note.Version, Ct));

        Assert.Equal("Theirs.", (await ViewAsync()).Notes.Single().Text);
    }

    [Fact]
    public async Task DeleteNote_OpenReview_GoneAndAuditKeepsWhatItSaid()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Finding, "Recorded by mistake."), Ct);
        var note = (await ViewAsync()).Notes.Single();

        await _records.DeleteNoteAsync(_admin, note.Id, note.Version, Ct);

        Assert.Empty((await ViewAsync()).Notes);
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "reviews.note.delete", Ct);
        Assert.Contains("Recorded by mistake.", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditActionItem_OpenReview_ChangesWhatItSays()
    {
        var id = await AddItemAsync();
        var item = (await ViewAsync()).ActionItems.Single();

        await _records.EditActionItemAsync(_admin, id, new ActionItemInput("Add timeouts to card calls", "Gateway first.", "payments-core", new DateOnly(2027, 3, 1), ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments"), item.Version, Ct);

        var edited = (await ViewAsync()).ActionItems.Single();
        Assert.Equal(("Add timeouts to card calls", new DateOnly(2027, 3, 1), ScoreLevel.Silver, "payments"), (edited.Title, edited.DueOn, edited.TargetLevel, edited.Service));
    }

    [Fact]
    public async Task DeleteActionItem_OpenReview_GoneAndAudited()
    {
        var id = await AddItemAsync();
        var item = (await ViewAsync()).ActionItems.Single();

        await _records.DeleteActionItemAsync(_admin, id, item.Version, Ct);

        Assert.Empty((await ViewAsync()).ActionItems);
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.action.delete" && a.EntityKey == $"2026-Q4/{id}", Ct));
    }

    [Fact]
    public async Task DeleteActionItem_StaleVersion_ConflictAndKept()
    {
        var id = await AddItemAsync();
        var item = (await ViewAsync()).ActionItems.Single();
        await _records.SetActionItemStatusAsync(_admin, id, ActionItemStatus.Done, null, item.Version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _records.DeleteActionItemAsync(_admin, id, item.Version, Ct));

        Assert.Single((await ViewAsync()).ActionItems);
    }

    [Fact]
    public async Task DeleteActionItem_BecameADebtItem_RefusedNamingIt()
    {
        var id = await AddItemAsync("payments");
        var item = (await ViewAsync()).ActionItems.Single();
        await _actionDebt.CreateDebtItemAsync(_admin, id, ActionItemDebtDraft.For(item) with { EffortDays = 2 }, item.Version, ct: Ct);
        var linked = (await ViewAsync()).ActionItems.Single();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _records.DeleteActionItemAsync(_admin, id, linked.Version, Ct));

        Assert.Equal("debtItem", ex.Field);
        Assert.Contains("drop it instead", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAndEdit_ReviewClosing_RefusedNamingStatus()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Finding, "Ledger has no timeouts."), Ct);
        var id = await AddItemAsync();
        var view = await ViewAsync();
        await _reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);

        var deleteItem = await Assert.ThrowsAsync<DomainValidationException>(() => _records.DeleteActionItemAsync(_admin, id, view.ActionItems.Single().Version, Ct));
        var deleteNote = await Assert.ThrowsAsync<DomainValidationException>(() => _records.DeleteNoteAsync(_admin, view.Notes.Single().Id, view.Notes.Single().Version, Ct));
        var editNote = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _records.EditNoteAsync(_admin, view.Notes.Single().Id, new NoteInput(ReviewNoteKind.Finding, "Changed."), view.Notes.Single().Version, Ct));

        Assert.All(new[] { deleteItem, deleteNote, editNote }, e => Assert.Equal("status", e.Field));
    }

    [Fact]
    public async Task DeleteNote_ByViewer_RefusedAndAudited()
    {
        await _records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Finding, "Ledger has no timeouts."), Ct);
        var note = (await ViewAsync()).Notes.Single();
        var grace = (await new ActorDirectory(Db.Factory).ForPersonAsync("grace.nwosu", ct: Ct))!;

        await Assert.ThrowsAsync<ForbiddenException>(() => _records.DeleteNoteAsync(grace, note.Id, note.Version, Ct));

        Assert.Single((await ViewAsync()).Notes);
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.note.delete.denied" && !a.Succeeded, Ct));
    }
}

public sealed class SqliteReviewRecordEditTests() : ReviewRecordEditTests(TestProvider.Sqlite);

public sealed class PostgresReviewRecordEditTests() : ReviewRecordEditTests(TestProvider.Postgres);
