using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Security;

/// <summary>An admin removes a person's sign-in link; the account's next sign-in links again by verified e-mail.</summary>
public abstract class SignInUnlinkTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private const string Issuer = "https://login.example.com/";

    private static readonly Actor Root = new("root", "Root", PortalRole.Admin, new HashSet<Guid>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SignInLinker Linker => new(Db.Factory, NullLogger<SignInLinker>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var ada = new Person("ada", "Ada", "ada@example.com");
        ada.LinkSignIn(Issuer, "sub-old");
        db.AddRange(ada, new Person("bo", "Bo", "bo@example.com"));
        await db.SaveChangesAsync(Ct);
    }

    private static SignInIdentity Seen(string subject, string issuer = Issuer) => new(issuer, subject, null, false);

    private async Task<Person> PersonAsync(string name)
    {
        await using var db = Db.CreateContext();
        return await db.People.AsNoTracking().SingleAsync(p => p.Name == name, Ct);
    }

    [Fact]
    public async Task UnlinkAsync_Admin_RemovesTheLinkAuditsItAndTheNextSignInLinksAgain()
    {
        Assert.Equal("sub-old", (await Linker.LinkOfAsync(Root, "ada", Ct))?.Subject);

        await Linker.UnlinkAsync(Root, "ada", Seen("sub-old"), Ct);

        Assert.Null(await Linker.LinkOfAsync(Root, "ada", Ct));
        Assert.Null((await PersonAsync("ada")).SignInIssuer);
        await using (var db = Db.CreateContext())
        {
            var audit = await db.AuditEntries.SingleAsync(Ct);
            Assert.Equal(("person.unlink-sign-in", "ada", "root", true), (audit.Action, audit.EntityKey, audit.Actor, audit.Succeeded));
            Assert.Contains("sub-old", audit.Before, StringComparison.Ordinal);
        }

        // The old account no longer is Ada; her new account links by her verified e-mail.
        var oldAccount = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-old", "someone@example.com", true), Ct);
        Assert.Equal(SignInLinkOutcome.NoPerson, oldAccount.Outcome);
        var newAccount = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-new", "ada@example.com", true), Ct);
        Assert.Equal((SignInLinkOutcome.NewlyLinked, "ada"), (newAccount.Outcome, newAccount.PersonRef));
    }

    [Fact]
    public async Task UnlinkAsync_Editor_IsRefusedAuditedAndChangesNothing()
    {
        var editor = new Actor("bo", "Bo", PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<ForbiddenException>(() => Linker.UnlinkAsync(editor, "ada", Seen("sub-old"), Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Linker.LinkOfAsync(editor, "ada", Ct));

        Assert.Equal("sub-old", (await PersonAsync("ada")).SignInSubject);
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(
            [("person.unlink-sign-in", "ada", "bo", false), ("person.view-sign-in-link", "ada", "bo", false)],
            audit.Select(a => (a.Action, a.EntityKey, a.Actor, a.Succeeded)).Order());
        Assert.All(audit, a => Assert.DoesNotContain("sub-old", a.After ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnlinkAsync_AdminsOwnLink_IsRefused()
    {
        var ada = new Actor("ada", "Ada", PortalRole.Admin, new HashSet<Guid>());

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Linker.UnlinkAsync(ada, "ada", Seen("sub-old"), Ct));

        Assert.Contains("another admin", refused.Message, StringComparison.Ordinal);
        Assert.Equal("sub-old", (await PersonAsync("ada")).SignInSubject);
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("person.unlink-sign-in", "ada", false), (audit.Action, audit.Actor, audit.Succeeded));
    }

    [Fact]
    public async Task UnlinkAsync_LinkChangedSinceTheAdminLooked_IsAConflict()
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Linker.UnlinkAsync(Root, "ada", Seen("sub-seen-earlier"), Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Linker.UnlinkAsync(Root, "bo", Seen("anything"), Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Linker.UnlinkAsync(Root, "ada", Seen("sub-old", "https://other.example.com/"), Ct));

        Assert.Equal("sub-old", (await PersonAsync("ada")).SignInSubject);
    }

    [Fact]
    public async Task UnlinkAsync_UnknownPerson_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Linker.UnlinkAsync(Root, "nobody", Seen("sub-old"), Ct));

    [Fact]
    public async Task UnlinkAsync_EditorNamingSomeoneWhoDoesNotExist_IsRefusedAndAuditedNotNotFound()
    {
        var editor = new Actor("bo", "Bo", PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<ForbiddenException>(() => Linker.UnlinkAsync(editor, "nobody", Seen("sub-old"), Ct));

        await using var db = Db.CreateContext();
        Assert.False((await db.AuditEntries.SingleAsync(Ct)).Succeeded);
    }
}

public sealed class SqliteSignInUnlinkTests() : SignInUnlinkTests(TestProvider.Sqlite);

public sealed class PostgresSignInUnlinkTests() : SignInUnlinkTests(TestProvider.Postgres);
