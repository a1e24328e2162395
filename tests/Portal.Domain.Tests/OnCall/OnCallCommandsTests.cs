using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Commands;
using Portal.Domain.OnCall.Queries;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Domain.Tests.OnCall;

public abstract class OnCallCommandsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private Guid _teamId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var team = new Team("payments");
        var ada = new Person("ada");
        var bo = new Person("bo");
        team.AddMember(ada);
        team.AddMember(bo);
        db.AddRange(team, ada, bo, new Team("web"));
        await db.SaveChangesAsync();
        _teamId = team.Id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OnCallCommands Commands => new(Db.Factory);

    private Actor Member => new("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { _teamId });

    private static Actor Outsider => new("zed", "Zed", PortalRole.Editor, new HashSet<Guid>());

    private static RotationEdit Weekly(params string[] people) =>
        new("Payments primary", 1, ShiftUnit.Weeks, new TimeOnly(9, 0), "Europe/Berlin", new DateOnly(2026, 1, 5), people, ExternalScheduleProvider.None, null);

    [Fact]
    public async Task SaveRotationAsync_Member_CreatesRotationWithParticipantsInOrder()
    {
        var saved = await Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("bo", "ada"), null, Ct);
        Assert.Equal(["bo", "ada"], saved.Participants.Select(p => p.Name));
        await using var db = Db.CreateContext();
        Assert.Equal("on-call.create", (await db.AuditEntries.SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task SaveRotationAsync_Outsider_IsRefusedAndAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.SaveRotationAsync(Outsider, "payments", OnCallLevel.Primary, Weekly("ada"), null, Ct));
        await using var db = Db.CreateContext();
        Assert.False(await db.OnCallRotations.AnyAsync(Ct));
        Assert.False((await db.AuditEntries.SingleAsync(Ct)).Succeeded);
    }

    [Fact]
    public async Task SaveRotationAsync_UnknownParticipant_NamesThePerson()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("ada", "ghost"), null, Ct));
        Assert.Equal("participants", ex.Field);
        Assert.Contains("ghost", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveRotationAsync_StaleVersion_IsAConflict()
    {
        var first = await Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("ada"), null, Ct);
        await Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("ada", "bo"), first.Version, Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("bo"), first.Version, Ct));
    }

    [Fact]
    public async Task AddOverrideAsync_Overlapping_IsRejectedWithBothWindows()
    {
        var rotation = await Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("ada", "bo"), null, Ct);
        var start = new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);
        await Commands.AddOverrideAsync(Member, rotation.Id, "bo", start, start.AddDays(2), Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands.AddOverrideAsync(Member, rotation.Id, "ada", start.AddDays(1), start.AddDays(3), Ct));

        Assert.Contains("overlaps", ex.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.OnCallOverrides.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveOverrideAsync_ThenWhoIsOnCallFollowsTheRotationAgain()
    {
        var rotation = await Commands.SaveRotationAsync(Member, "payments", OnCallLevel.Primary, Weekly("ada", "bo"), null, Ct);
        var start = new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        var added = await Commands.AddOverrideAsync(Member, rotation.Id, "bo", start, start.AddDays(1), Ct);
        var queries = new OnCallQueries(Db.Factory);
        Assert.Equal("bo", (await queries.ForTeamAsync("payments", start.AddHours(1), Ct)).Levels[0].Now!.Name);

        await Commands.RemoveOverrideAsync(Member, rotation.Id, added.Id, Ct);

        Assert.Equal("ada", (await queries.ForTeamAsync("payments", start.AddHours(1), Ct)).Levels[0].Now!.Name);
    }
}

public sealed class SqliteOnCallCommandsTests() : OnCallCommandsTests(TestProvider.Sqlite);

public sealed class PostgresOnCallCommandsTests() : OnCallCommandsTests(TestProvider.Postgres);
