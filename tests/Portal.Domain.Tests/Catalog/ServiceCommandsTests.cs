using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Domain.Tests.Catalog;

public abstract class ServiceCommandsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private Guid _ownersId;
    private Guid _othersId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var owners = new Team("payments-core");
        var others = new Team("web");
        var service = new Service("payments", "Payments");
        service.AssignOwner(owners);
        service.SetTier(1);
        db.AddRange(owners, others, service);
        await db.SaveChangesAsync();
        (_ownersId, _othersId) = (owners.Id, others.Id);
    }

    private static ServiceEdit Edit(int tier = 1, string? owner = "payments-core", string? title = "Payments") =>
        new(title, "Moves money", "service", tier, Lifecycle.Production, owner, null, null, ["pci"], []);

    private Actor Editor(Guid team) => new("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { team });

    [Fact]
    public async Task UpdateAsync_EditorOfOwningTeam_ChangesServiceAndAudits()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);

        var version = await commands.UpdateAsync(Editor(_ownersId), "payments", Edit(tier: 2, title: "Payments API"), 0, ct);

        await using var db = Db.CreateContext();
        var service = await db.Services.SingleAsync(ct);
        Assert.Equal(2, service.Tier);
        Assert.Equal("Payments API", service.Title);
        Assert.Equal(1, version);
        var audit = await db.AuditEntries.SingleAsync(ct);
        Assert.Equal(("ada", "service.update", true), (audit.Actor, audit.Action, audit.Succeeded));
        Assert.Contains("\"tier\":1", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"tier\":2", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_EditorOfAnotherTeam_IsRefusedAndTheAttemptIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);

        await Assert.ThrowsAsync<ForbiddenException>(() => commands.UpdateAsync(Editor(_othersId), "payments", Edit(tier: 3), 0, ct));

        await using var db = Db.CreateContext();
        var service = await db.Services.SingleAsync(ct);
        Assert.Equal(1, service.Tier);
        Assert.Equal(0, service.Version);
        var audit = await db.AuditEntries.SingleAsync(ct);
        Assert.Equal(("ada", "service.update.denied", false), (audit.Actor, audit.Action, audit.Succeeded));
        Assert.Equal("payments", audit.EntityKey);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConflictAndKeepsTheOtherEdit()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);
        await commands.UpdateAsync(Editor(_ownersId), "payments", Edit(tier: 2), 0, ct);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commands.UpdateAsync(Editor(_ownersId), "payments", Edit(tier: 3), 0, ct));

        Assert.Contains("changed by someone else", ex.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(2, (await db.Services.SingleAsync(ct)).Tier);
        Assert.Equal(1, await db.AuditEntries.CountAsync(ct));
    }

    [Fact]
    public async Task UpdateAsync_EditorHandingServiceToTeamTheyAreNotIn_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);
        await Assert.ThrowsAsync<ForbiddenException>(() => commands.UpdateAsync(Editor(_ownersId), "payments", Edit(owner: "web"), 0, ct));
    }

    [Fact]
    public async Task UpdateAsync_AdminHandingServiceToAnotherTeam_Works()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);
        await commands.UpdateAsync(new Actor("root", "Root", PortalRole.Admin, new HashSet<Guid>()), "payments", Edit(owner: "web"), 0, ct);

        await using var db = Db.CreateContext();
        Assert.Equal(_othersId, (await db.Services.SingleAsync(ct)).OwnerTeamId);
    }

    [Fact]
    public async Task UpdateAsync_UnknownOwnerTeam_NamesTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            commands.UpdateAsync(new Actor("root", "Root", PortalRole.Admin, new HashSet<Guid>()), "payments", Edit(owner: "nobody"), 0, ct));
        Assert.Equal("owner", ex.Field);
    }

    [Fact]
    public async Task UpdateAsync_InvalidTier_ChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = new ServiceCommands(Db.Factory);
        await Assert.ThrowsAsync<DomainValidationException>(() => commands.UpdateAsync(Editor(_ownersId), "payments", Edit(tier: 7), 0, ct));

        await using var db = Db.CreateContext();
        Assert.Equal(0, (await db.Services.SingleAsync(ct)).Version);
        Assert.Equal(0, await db.AuditEntries.CountAsync(ct));
    }
}

public sealed class SqliteServiceCommandsTests() : ServiceCommandsTests(TestProvider.Sqlite);

public sealed class PostgresServiceCommandsTests() : ServiceCommandsTests(TestProvider.Postgres);
