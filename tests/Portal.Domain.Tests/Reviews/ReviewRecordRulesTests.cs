using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Who may change what an organisation review recorded (admins everything, editors their teams' notes and action
/// items), and that "only while open" holds at the moment of the save: a review that began closing after the first
/// check refuses the change, and a closed revision's record stays as it was after a reopen.
/// </summary>
public abstract class ReviewRecordRulesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private RecordingCloseQueue _queue = null!;
    private ReviewCommands _reviews = null!;
    private ReviewRecordCommands _records = null!;
    private ReviewQueries _queries = null!;
    private ReviewCloser _closer = null!;
    private Actor _admin = null!;
    private Actor _ada = null!;
    private Actor _kwame = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        var services = new ReviewTestServices(Db.Factory, _clock);
        (_queue, _reviews, _records, _queries, _closer) = (services.CloseQueue, services.Reviews, services.Records, services.Queries, services.Closer);
        var directory = new ActorDirectory(Db.Factory);
        _admin = (await directory.ForPersonAsync("erik.johansson", ct: Ct))!;
        _ada = (await directory.ForPersonAsync("ada.okafor", ct: Ct))!;
        _kwame = (await directory.ForPersonAsync("kwame.mensah", ct: Ct))!;
        Assert.Equal((PortalRole.Editor, PortalRole.Editor), (_ada.Role, _kwame.Role));
        await _reviews.CreateAsync(_admin, new ReviewInput("2026-Q4"), Ct);
    }

    private async Task<ReviewView> ViewAsync(Actor? viewer = null) => (await _queries.GetAsync("2026-Q4", viewer, Ct))!;

    private async Task<NoteDto> PaymentsNoteAsync(Actor by, string? team = "payments-core")
    {
        await _records.AddNoteAsync(by, "2026-Q4", new NoteInput(ReviewNoteKind.Decision, "Reserve 10% for timeouts.", ScalingSignal.CascadingFailures, team), Ct);
        return (await ViewAsync()).Notes.Single();
    }

    private async Task<ActionItemDto> PaymentsItemAsync()
    {
        await _records.AddActionItemAsync(_admin, "2026-Q4",
            new ActionItemInput("Add timeouts to every outbound call", null, "payments-core", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures), Ct);
        return (await ViewAsync()).ActionItems.Single();
    }

    private async Task<int> DeniedAsync(string action)
    {
        await using var db = Db.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.Action == action && !a.Succeeded, Ct);
    }

    [Fact]
    public async Task EditAndDeleteNote_AnotherTeamsEditor_RefusedAuditedAndUnchanged()
    {
        var note = await PaymentsNoteAsync(_admin);

        await Assert.ThrowsAsync<ForbiddenException>(() => _records.EditNoteAsync(_kwame, note.Id, new NoteInput(note.Kind, "Mine now."), note.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _records.DeleteNoteAsync(_kwame, note.Id, note.Version, Ct));

        Assert.Equal("Reserve 10% for timeouts.", (await ViewAsync()).Notes.Single().Text);
        Assert.Equal(1, await DeniedAsync("reviews.note.edit.denied"));
        Assert.Equal(1, await DeniedAsync("reviews.note.delete.denied"));
        await _records.EditNoteAsync(_ada, note.Id, new NoteInput(note.Kind, "Reserve 20% for timeouts.", note.Signal, "payments-core"), note.Version, Ct);
        Assert.Equal("Reserve 20% for timeouts.", (await ViewAsync()).Notes.Single().Text);
    }

    [Fact]
    public async Task EditNote_EditorMovesTheirNoteToAnotherTeam_Refused()
    {
        var note = await PaymentsNoteAsync(_ada);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _records.EditNoteAsync(_ada, note.Id, new NoteInput(note.Kind, note.Text, note.Signal, "ledger-recon"), note.Version, Ct));

        Assert.Equal("payments-core", (await ViewAsync()).Notes.Single().Team);
    }

    [Fact]
    public async Task EditNote_NoteAboutNoTeam_OnlyItsAuthorAmongEditors()
    {
        var note = await PaymentsNoteAsync(_ada, team: null);

        await Assert.ThrowsAsync<ForbiddenException>(() => _records.EditNoteAsync(_kwame, note.Id, new NoteInput(note.Kind, "Kwame's."), note.Version, Ct));
        await _records.EditNoteAsync(_ada, note.Id, new NoteInput(note.Kind, "Ada's."), note.Version, Ct);
        var edited = (await ViewAsync()).Notes.Single();
        await _records.DeleteNoteAsync(_admin, edited.Id, edited.Version, Ct);

        Assert.Empty((await ViewAsync()).Notes);
    }

    [Fact]
    public async Task View_Notes_SayWhetherThisViewerMayChangeThem()
    {
        await PaymentsNoteAsync(_admin);

        Assert.True((await ViewAsync(_ada)).Notes.Single().MayChange);
        Assert.True((await ViewAsync(_admin)).Notes.Single().MayChange);
        Assert.False((await ViewAsync(_kwame)).Notes.Single().MayChange);
        Assert.False((await ViewAsync()).Notes.Single().MayChange);
    }

    [Fact]
    public async Task EditAndDeleteActionItem_AnotherTeamsEditor_RefusedAuditedAndKept()
    {
        var item = await PaymentsItemAsync();
        var input = new ActionItemInput("Taken over", null, "ledger-recon", new DateOnly(2027, 2, 15));

        await Assert.ThrowsAsync<ForbiddenException>(() => _records.EditActionItemAsync(_kwame, item.Id, input, item.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _records.DeleteActionItemAsync(_kwame, item.Id, item.Version, Ct));

        Assert.Equal(("Add timeouts to every outbound call", "payments-core"), ((await ViewAsync()).ActionItems.Single().Title, (await ViewAsync()).ActionItems.Single().Team));
        Assert.Equal(1, await DeniedAsync("reviews.action.edit.denied"));
        Assert.Equal(1, await DeniedAsync("reviews.action.delete.denied"));
        await _records.DeleteActionItemAsync(_ada, item.Id, item.Version, Ct);
        Assert.Empty((await ViewAsync()).ActionItems);
    }

    [Fact]
    public async Task SetActionItemStatus_AnotherTeamsEditorInOrganisationReview_RefusedAuditedAndUnchanged()
    {
        var item = await PaymentsItemAsync();

        // Kwame runs the organisation review too, but the item is payments-core's: dropping it would hide it from them.
        await Assert.ThrowsAsync<ForbiddenException>(() => _records.SetActionItemStatusAsync(_kwame, item.Id, ActionItemStatus.Dropped, "Not ours.", item.Version, Ct));

        Assert.Equal(ActionItemStatus.Open, (await ViewAsync()).ActionItems.Single().Status);
        Assert.Equal(1, await DeniedAsync("reviews.action.status.denied"));
        await _records.SetActionItemStatusAsync(_ada, item.Id, ActionItemStatus.Done, "Shipped.", item.Version, Ct);
        Assert.Equal(ActionItemStatus.Done, (await ViewAsync()).ActionItems.Single().Status);
    }

    [Fact]
    public async Task EditActionItem_EditorHandsTheirItemToAnotherTeam_RefusedAndKept()
    {
        var item = await PaymentsItemAsync();
        var input = new ActionItemInput(item.Title, null, "ledger-recon", new DateOnly(2027, 2, 15));

        await Assert.ThrowsAsync<ForbiddenException>(() => _records.EditActionItemAsync(_ada, item.Id, input, item.Version, Ct));

        Assert.Equal("payments-core", (await ViewAsync()).ActionItems.Single().Team);
        Assert.Equal(1, await DeniedAsync("reviews.action.edit.denied"));
        await _records.EditActionItemAsync(_admin, item.Id, input, item.Version, Ct);
        Assert.Equal("ledger-recon", (await ViewAsync()).ActionItems.Single().Team);
    }

    [Fact]
    public async Task EditNote_ReviewBeganClosingAfterTheCheck_RefusedInTheSameSave()
    {
        var note = await PaymentsNoteAsync(_admin);
        var records = new ReviewRecordCommands(new ClosingFactory(Db, () => _reviews.RequestCloseAsync(_admin, "2026-Q4", Ct)), _clock);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Slipped in while closing."), note.Version, Ct));

        Assert.Equal("status", ex.Field);
        var view = await ViewAsync();
        Assert.Equal(ReviewStatus.Closing, view.Status);
        Assert.Equal("Reserve 10% for timeouts.", view.Notes.Single().Text);
        Assert.Equal(1, await DeniedAsync("reviews.note.edit.denied"));
    }

    [Fact]
    public async Task AddActionItem_ReviewBeganClosingAfterTheCheck_RefusedAndNothingAdded()
    {
        var records = new ReviewRecordCommands(new ClosingFactory(Db, () => _reviews.RequestCloseAsync(_admin, "2026-Q4", Ct)), _clock);

        await Assert.ThrowsAsync<DomainValidationException>(() => records.AddActionItemAsync(_admin, "2026-Q4",
            new ActionItemInput("Too late", null, "payments-core", new DateOnly(2027, 2, 15)), Ct));

        Assert.Empty((await ViewAsync()).ActionItems);
    }

    [Fact]
    public async Task EditAndDelete_ClosedReview_RefusedAndRevisionOneKeptAfterReopen()
    {
        var note = await PaymentsNoteAsync(_admin);
        var item = await PaymentsItemAsync();
        await _reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        var (reviewId, revision) = Assert.Single(_queue.Queued);
        await _closer.CloseAsync(reviewId, revision, Ct);
        var closed = await ViewAsync();
        Assert.Equal(ReviewStatus.Closed, closed.Status);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<DomainValidationException>(() => _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Rewritten."), note.Version, Ct)),
            await Assert.ThrowsAsync<DomainValidationException>(() => _records.DeleteNoteAsync(_admin, note.Id, note.Version, Ct)),
            await Assert.ThrowsAsync<DomainValidationException>(() => _records.EditActionItemAsync(_admin, item.Id,
                new ActionItemInput("Rewritten", null, "payments-core", new DateOnly(2027, 2, 15)), item.Version, Ct)),
            await Assert.ThrowsAsync<DomainValidationException>(() => _records.DeleteActionItemAsync(_admin, item.Id, item.Version, Ct)),
        };
        Assert.All(refusals, e => Assert.Contains("closed", e.Reason, StringComparison.Ordinal));
        Assert.Equal(1, await DeniedAsync("reviews.note.edit.denied"));

        await _reviews.ReopenAsync(_admin, "2026-Q4", "A decision was left out.", closed.Version, Ct);
        var reopened = await ViewAsync();
        await _records.EditNoteAsync(_admin, note.Id, new NoteInput(note.Kind, "Reserve 30% for timeouts."), reopened.Notes.Single().Version, Ct);
        await _records.DeleteActionItemAsync(_admin, item.Id, reopened.ActionItems.Single().Version, Ct);

        var first = (await _queries.ContentAsync("2026-Q4", 1, Ct))!.Content;
        Assert.Equal("Reserve 10% for timeouts.", first.Notes.Single().Text);
        Assert.Equal("Add timeouts to every outbound call", first.ActionItems.Single().Title);
        Assert.Equal("Reserve 30% for timeouts.", (await ViewAsync()).Notes.Single().Text);
    }

    /// <summary>Contexts whose first transaction starts only after <paramref name="close"/> began closing the review.</summary>
    private sealed class ClosingFactory(TestDatabase database, Func<Task> close) : IDbContextFactory<PortalDbContext>
    {
        private readonly CloseFirst _interceptor = new(close);

        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>(database.Options()).AddInterceptors(_interceptor).Options);

        private sealed class CloseFirst(Func<Task> close) : DbTransactionInterceptor
        {
            private int _fired;

            public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
                DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Exchange(ref _fired, 1) == 0)
                {
                    await close();
                }

                return result;
            }
        }
    }
}

public sealed class SqliteReviewRecordRulesTests() : ReviewRecordRulesTests(TestProvider.Sqlite);

public sealed class PostgresReviewRecordRulesTests() : ReviewRecordRulesTests(TestProvider.Postgres);
