using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews.Initiatives;

/// <summary>
/// Initiatives on the demo company: created (grown out of an action item in the same save), changed and closed by
/// admins and the owner team's editors only, audited, version-checked; progress and burn-up counted from the scorecards.
/// </summary>
public abstract class InitiativeCommandTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly DateOnly Due = new(2027, 3, 31);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewTestServices _services = null!;
    private InitiativeCommands _commands = null!;
    private InitiativeQueries _queries = null!;
    private Actor _admin = null!;
    private Actor _ada = null!;
    private Actor _kwame = null!;
    private Actor _grace = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        _services = new ReviewTestServices(Db.Factory, _clock);
        _commands = new InitiativeCommands(Db.Factory, _clock);
        _queries = new InitiativeQueries(Db.Factory, _clock);
        var directory = new ActorDirectory(Db.Factory);
        _admin = (await directory.ForPersonAsync("erik.johansson", ct: Ct))!;
        _ada = (await directory.ForPersonAsync("ada.okafor", ct: Ct))!;
        _kwame = (await directory.ForPersonAsync("kwame.mensah", ct: Ct))!;
        _grace = (await directory.ForPersonAsync("grace.nwosu", ct: Ct))!;
    }

    private static InitiativeInput Payments(string title = "Every payments service at Silver on cascading failures") =>
        new(title, "Timeouts and bulkheads first.", ScalingSignal.CascadingFailures, ScoreLevel.Silver, ["payments-core"], null, "payments-core", new DateOnly(2026, 11, 1), Due);

    private async Task<ActionItemDto> ActionItemAsync()
    {
        await _services.Reviews.CreateAsync(_admin, new ReviewInput("2026-Q4"), Ct);
        await _services.Records.AddActionItemAsync(_admin, "2026-Q4",
            new ActionItemInput("Timeouts on every outbound call", null, "payments-core", Due, ScalingSignal.CascadingFailures, ScoreLevel.Silver), Ct);
        return (await _services.Queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
    }

    [Fact]
    public async Task Create_FromActionItem_LinksBothWaysInOneSaveAndAudits()
    {
        var item = await ActionItemAsync();

        var id = await _commands.CreateAsync(_ada, Payments(), item.Id, item.Version, Ct);

        var after = (await _services.Queries.GetAsync("2026-Q4", ct: Ct))!.ActionItems.Single();
        Assert.Equal(id, after.InitiativeId);
        var view = (await _queries.GetAsync(id, Ct))!;
        Assert.Equal((item.Id, InitiativeStatus.Active, "payments-core"), (view.Summary.FromActionItemId, view.Summary.Status, view.Summary.OwnerTeam));
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.create" && a.EntityKey == id.ToString() && a.Actor == "ada.okafor", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.action.initiative" && a.EntityKey == item.Id.ToString(), Ct));
    }

    [Fact]
    public async Task Create_ActionItemAlreadyGrown_RefusedAndNothingMoreCreated()
    {
        var item = await ActionItemAsync();
        await _commands.CreateAsync(_ada, Payments(), item.Id, item.Version, Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.CreateAsync(_ada, Payments("Again"), item.Id, item.Version, Ct));

        Assert.Equal("fromActionItem", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Initiatives.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_FromADroppedActionItem_RefusedNamingTheItemAuditedAndNothingCreated()
    {
        var item = await ActionItemAsync();
        var version = await _services.Records.SetActionItemStatusAsync(_ada, item.Id, ActionItemStatus.Dropped, "Superseded by the platform's client library.", item.Version, Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.CreateAsync(_ada, Payments(), item.Id, version, Ct));

        Assert.Equal("fromActionItem", ex.Field);
        Assert.Contains("was dropped", ex.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
        Assert.Null((await db.ActionItems.SingleAsync(a => a.Id == item.Id, Ct)).InitiativeId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.create.denied" && !a.Succeeded && a.EntityKey == item.Id.ToString(), Ct));
    }

    [Fact]
    public async Task Update_And_SetStatus_AuditAfterIsTheSavedStateWithItsNewVersion()
    {
        var id = await _commands.CreateAsync(_ada, Payments(), ct: Ct);
        var first = (await _queries.GetAsync(id, Ct))!.Summary.Version;

        var second = await _commands.UpdateAsync(_ada, id, Payments("Renamed"), first, Ct);
        var third = await _commands.SetStatusAsync(_ada, id, InitiativeStatus.Completed, second, Ct);

        await using var db = Db.CreateContext();
        var update = await db.AuditEntries.SingleAsync(a => a.Action == "initiatives.update" && a.EntityKey == id.ToString(), Ct);
        var status = await db.AuditEntries.SingleAsync(a => a.Action == "initiatives.status" && a.EntityKey == id.ToString(), Ct);
        Assert.Equal((first, second), (Version(update.Before), Version(update.After)));
        Assert.Equal((second, third), (Version(status.Before), Version(status.After)));
        Assert.Equal(third, (await _queries.GetAsync(id, Ct))!.Summary.Version);
        Assert.Contains("\"Renamed\"", update.After, StringComparison.Ordinal);
    }

    private static int Version(string? json) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("version").GetInt32();

    [Fact]
    public async Task Create_ActionItemChangedSince_ConflictAndNothingCreated()
    {
        var item = await ActionItemAsync();
        await _services.Records.SetActionItemStatusAsync(_ada, item.Id, ActionItemStatus.Done, "Shipped.", item.Version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _commands.CreateAsync(_ada, Payments(), item.Id, item.Version, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_ViewerOrAnotherTeamsEditor_RefusedAuditedAndNothingCreated()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.CreateAsync(_grace, Payments(), ct: Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.CreateAsync(_kwame, Payments(), ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "initiatives.create.denied" && !a.Succeeded, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("platform-infra")]
    [InlineData("payments-core,web-experience")]
    public async Task Create_EditorScopingBeyondTheirTeams_RefusedAuditedAndNothingCreated(string teams)
    {
        var scope = teams.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var ex = await Assert.ThrowsAsync<ForbiddenException>(() => _commands.CreateAsync(_ada, Payments() with { Teams = scope }, ct: Ct));

        Assert.Contains("needs an admin", ex.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "initiatives.create.denied" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task Update_EditorOfAnAdminsOrganisationWideInitiative_MayChangeTheTitleButNotWidenOrNarrowToOtherTeams()
    {
        var id = await _commands.CreateAsync(_admin, Payments() with { Teams = [] }, ct: Ct);
        var created = (await _queries.GetAsync(id, Ct))!.Summary.Version;

        var version = await _commands.UpdateAsync(_ada, id, Payments("Every service at Silver on cascading failures") with { Teams = [] }, created, Ct);
        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.UpdateAsync(_ada, id, Payments() with { Teams = ["platform-infra"] }, version, Ct));

        var view = (await _queries.GetAsync(id, Ct))!;
        Assert.Equal(("Every service at Silver on cascading failures", 0), (view.Summary.Title, view.ScopeTeamRefs.Count));
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.update.denied" && a.EntityKey == id.ToString(), Ct));
    }

    [Fact]
    public async Task Create_RefusedWithATitleLongerThanAnAuditKey_RefusedAndAuditedNotAServerError()
    {
        var title = new string('x', 5_000);

        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.CreateAsync(_grace, Payments(title), ct: Ct));

        await using var db = Db.CreateContext();
        var denied = await db.AuditEntries.SingleAsync(a => a.Action == "initiatives.create.denied", Ct);
        Assert.Equal("new", denied.EntityKey);
    }

    [Fact]
    public async Task Create_StartMoreThanThreeYearsBeforeTheDueDate_RefusedNamingTheStart()
    {
        var typo = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.CreateAsync(_admin, Payments() with { StartsOn = new DateOnly(26, 11, 1) }, ct: Ct));

        Assert.Equal("startsOn", typo.Field);
        Assert.Contains("0026-11-01", typo.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
    }

    [Fact]
    public async Task List_PageFarPastTheEnd_EmptyPageNotAnError()
    {
        await _commands.CreateAsync(_ada, Payments(), ct: Ct);

        var page = await _queries.ListAsync(new InitiativeFilter(Page: int.MaxValue), Ct);

        Assert.Equal((1, 0), (page.Total, page.Items.Count));
    }

    [Fact]
    public async Task Create_UnknownTeamOrMissingDueDate_RefusedNamingTheField()
    {
        var team = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.CreateAsync(_admin, Payments() with { Teams = ["no-such-team"] }, ct: Ct));
        var due = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.CreateAsync(_admin, Payments() with { DueOn = null }, ct: Ct));

        Assert.Equal(("teams", "dueOn"), (team.Field, due.Field));
    }

    [Fact]
    public async Task Update_StaleVersion_ConflictAndUnchanged()
    {
        var id = await _commands.CreateAsync(_ada, Payments(), ct: Ct);
        var version = (await _queries.GetAsync(id, Ct))!.Summary.Version;
        await _commands.UpdateAsync(_ada, id, Payments("First edit"), version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _commands.UpdateAsync(_admin, id, Payments("Second edit"), version, Ct));

        Assert.Equal("First edit", (await _queries.GetAsync(id, Ct))!.Summary.Title);
    }

    [Fact]
    public async Task Update_AnotherTeamsEditor_RefusedAndAudited()
    {
        var id = await _commands.CreateAsync(_ada, Payments(), ct: Ct);
        var version = (await _queries.GetAsync(id, Ct))!.Summary.Version;

        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.UpdateAsync(_kwame, id, Payments("Hijacked"), version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.SetStatusAsync(_kwame, id, InitiativeStatus.Cancelled, version, Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.update.denied" && a.Actor == "kwame.mensah", Ct));
        Assert.Equal(("Every payments service at Silver on cascading failures", InitiativeStatus.Active),
            ((await _queries.GetAsync(id, Ct))!.Summary.Title, (await _queries.GetAsync(id, Ct))!.Summary.Status));
    }

    [Fact]
    public async Task SetStatus_Completed_ListFiltersByStatusAndAudits()
    {
        var done = await _commands.CreateAsync(_ada, Payments("Done one"), ct: Ct);
        await _commands.CreateAsync(_ada, Payments("Still going"), ct: Ct);

        await _commands.SetStatusAsync(_ada, done, InitiativeStatus.Completed, (await _queries.GetAsync(done, Ct))!.Summary.Version, Ct);

        var completed = await _queries.ListAsync(new InitiativeFilter(InitiativeStatus.Completed), Ct);
        var all = await _queries.ListAsync(new InitiativeFilter(PageSize: 1), Ct);
        Assert.Equal("Done one", Assert.Single(completed.Items).Title);
        Assert.Equal((2, "Still going"), (all.Total, Assert.Single(all.Items).Title));
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.status" && a.EntityKey == done.ToString(), Ct));
    }

    [Fact]
    public async Task Get_LevelHistory_BurnUpCountsDayByDayAndListsTheServicesShort()
    {
        await _services.Evaluation.EvaluateAllAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            var first = await db.Services.Where(s => s.OwnerTeam!.Name == "payments-core").OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(Ct);
            db.ScorecardLevelHistory.Add(new LevelHistoryRecord(first, new DateOnly(2026, 11, 10), ScoreLevel.Gold, "3333333"));
            await db.SaveChangesAsync(Ct);
        }

        var id = await _commands.CreateAsync(_ada, Payments(), ct: Ct);
        var view = (await _queries.GetAsync(id, Ct))!;

        await using var check = Db.CreateContext();
        var total = view.Summary.Total;
        Assert.True(total >= await check.Services.CountAsync(s => s.OwnerTeam!.Name == "payments-core", Ct) && total > 1);
        Assert.Equal(31, view.BurnUp.Count);
        Assert.Equal((0, 0), (view.BurnUp[0].Met, view.BurnUp[0].InScope));
        Assert.Equal((1, 1), (view.BurnUp[9].Met, view.BurnUp[9].InScope));
        Assert.Equal((view.Summary.Met, total), (view.BurnUp[^1].Met, view.BurnUp[^1].InScope));
        Assert.Equal(total - view.Summary.Met, view.ServicesShort.Count);
        Assert.All(view.ServicesShort, s => Assert.True(s.Level < ScoreLevel.Silver));
        var listed = Assert.Single((await _queries.ListAsync(new InitiativeFilter(), Ct)).Items);
        Assert.Equal((view.Summary.Met, view.Summary.Total), (listed.Met, listed.Total));
    }

    [Fact]
    public async Task BurnUpHistory_ReadsOnlyTheWindow_AndCountsAsTheWholeHistoryWould()
    {
        var start = new DateOnly(2026, 10, 1);
        var last = new DateOnly(2026, 11, 30);
        Guid[] ids;
        await using (var db = Db.CreateContext())
        {
            ids = [.. await db.Services.OrderBy(s => s.Name).Select(s => s.Id).Take(5).ToListAsync(Ct)];
            db.ScorecardLevelHistory.AddRange(
                // Long before the start, then the level it starts at, a change inside and one after the window.
                new LevelHistoryRecord(ids[0], new DateOnly(2025, 1, 5), ScoreLevel.None, "0000000"),
                new LevelHistoryRecord(ids[0], new DateOnly(2026, 9, 20), ScoreLevel.Silver, "2222222"),
                new LevelHistoryRecord(ids[0], new DateOnly(2026, 10, 15), ScoreLevel.Bronze, "1111111"),
                new LevelHistoryRecord(ids[0], new DateOnly(2026, 12, 5), ScoreLevel.Gold, "3333333"),
                // Only after the window: it entered later and is not counted.
                new LevelHistoryRecord(ids[1], new DateOnly(2026, 12, 2), ScoreLevel.Gold, "3333333"),
                // A row on the start day itself, and one that enters inside the window.
                new LevelHistoryRecord(ids[2], start, ScoreLevel.Silver, "2222222"),
                new LevelHistoryRecord(ids[3], new DateOnly(2026, 11, 3), ScoreLevel.Silver, "2222222"));
            // ids[4] has no row at all: never assessed, counted short from the start.
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Db.CreateContext();
        var bounded = await InitiativeQueries.BurnUpHistoryAsync(read, ids, start, last, Ct);
        var everything = (await read.ScorecardLevelHistory.AsNoTracking().Where(h => ids.Contains(h.ServiceId)).ToListAsync(Ct))
            .Select(h => (h.ServiceId, h.Day, h.Levels)).ToList();

        Assert.DoesNotContain(bounded, h => h.Day == new DateOnly(2025, 1, 5) || h.Day == new DateOnly(2026, 12, 5));
        Assert.Equal(5, bounded.Count);
        foreach (var signal in new[] { ScalingSignal.CascadingFailures, ScalingSignal.Observability })
        {
            foreach (var target in new[] { ScoreLevel.Bronze, ScoreLevel.Silver, ScoreLevel.Gold })
            {
                Assert.Equal(
                    InitiativeBurnUp.Compute(start, last, last.AddDays(10), ids, everything, signal, target),
                    InitiativeBurnUp.Compute(start, last, last.AddDays(10), ids, bounded, signal, target));
            }
        }
    }
}

public sealed class SqliteInitiativeCommandTests() : InitiativeCommandTests(TestProvider.Sqlite);

public sealed class PostgresInitiativeCommandTests() : InitiativeCommandTests(TestProvider.Postgres);
