using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Domain.Tests.Catalog;

public abstract class PersonCommandsTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        db.People.AddRange(new Person("ada", "Ada Okafor", "ada@example.com"), new Person("bo", "Bo Lind"));
        await db.SaveChangesAsync();
    }

    private static Actor Person(string name) => new(name, name, PortalRole.Editor, new HashSet<Guid>());

    [Fact]
    public async Task SetPhoneAsync_ThePersonThemselves_SavesAndAudits()
    {
        var version = await new PersonCommands(Db.Factory).SetPhoneAsync(Person("ada"), "ada", " +44 20  7946 0958 ", 0, Ct);

        await using var db = Db.CreateContext();
        var ada = await db.People.SingleAsync(p => p.Name == "ada", Ct);
        Assert.Equal(("+44 20 7946 0958", 1), (ada.Phone, version));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "person.phone", "ada", true), (audit.Actor, audit.Action, audit.EntityKey, audit.Succeeded));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(audit.Before!).RootElement.GetProperty("phone").ValueKind);
        Assert.Equal("+44 20 7946 0958", JsonDocument.Parse(audit.After!).RootElement.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task SetPhoneAsync_SomeoneElse_IsRefusedAndTheAttemptAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => new PersonCommands(Db.Factory).SetPhoneAsync(Person("bo"), "ada", "+1 555 0100", 0, Ct));

        await using var db = Db.CreateContext();
        Assert.Null((await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("bo", "person.phone.denied", false), (audit.Actor, audit.Action, audit.Succeeded));
    }

    [Fact]
    public async Task SetPhoneAsync_Admin_MayChangeAnyone()
    {
        var admin = new Actor("root", "Root", PortalRole.Admin, new HashSet<Guid>());

        await new PersonCommands(Db.Factory).SetPhoneAsync(admin, "bo", "4477", 0, Ct);

        await using var db = Db.CreateContext();
        Assert.Equal("4477", (await db.People.SingleAsync(p => p.Name == "bo", Ct)).Phone);
    }

    [Fact]
    public async Task SetPhoneAsync_SavedMeanwhile_ConflictAndNothingChanged()
    {
        var commands = new PersonCommands(Db.Factory);
        await commands.SetPhoneAsync(Person("ada"), "ada", "+1 555 0100", 0, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commands.SetPhoneAsync(Person("ada"), "ada", "+1 555 0199", 0, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal("+1 555 0100", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
    }

    [Fact]
    public async Task SetPhoneAsync_NotANumber_NamesTheFieldAndChangesNothing()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => new PersonCommands(Db.Factory).SetPhoneAsync(Person("ada"), "ada", "ring me", 0, Ct));

        Assert.Equal("phone", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }
}

public sealed class SqlitePersonCommandsTests() : PersonCommandsTests(TestProvider.Sqlite);

public sealed class PostgresPersonCommandsTests() : PersonCommandsTests(TestProvider.Postgres);
