using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Domain.Security.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Security;

public abstract class SignInLinkerTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private const string Issuer = "https://login.example.com/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SignInLinker Linker => new(Db.Factory, NullLogger<SignInLinker>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var team = new Team("payments");
        var ada = new Person("ada", "Ada", "Ada@Example.com");
        team.AddMember(ada);
        db.AddRange(team, ada, new Person("bo", "Bo", "bo@example.com"));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<Person> PersonAsync(string name)
    {
        await using var db = Db.CreateContext();
        return await db.People.AsNoTracking().SingleAsync(p => p.Name == name, Ct);
    }

    [Fact]
    public async Task LinkAsync_VerifiedEmailFirstTime_LinksThatPersonAndAudits()
    {
        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", EmailVerified: true), Ct);

        Assert.Equal(SignInLinkOutcome.NewlyLinked, link.Outcome);
        Assert.Equal("ada", link.PersonRef);
        var ada = await PersonAsync("ada");
        Assert.Equal((Issuer, "sub-ada"), (ada.SignInIssuer, ada.SignInSubject));
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("person.link-sign-in", "ada", "ada", true), (audit.Action, audit.EntityKey, audit.Actor, audit.Succeeded));
        Assert.Contains("sub-ada", audit.After, StringComparison.Ordinal);
        Assert.Contains("null", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkAsync_LinkedSubjectSignsInAgain_FindsThePersonWithoutANewAuditEntry()
    {
        await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        // The e-mail changed at the provider (and is now unverified): the subject still finds Ada.
        var again = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada.new@example.com", false), Ct);

        Assert.Equal((SignInLinkOutcome.Linked, "ada"), (again.Outcome, again.PersonRef));
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task LinkAsync_UnverifiedEmail_LinksNobody()
    {
        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-mallory", "ada@example.com", EmailVerified: false), Ct);

        Assert.Equal(SignInLinkOutcome.NoPerson, link.Outcome);
        Assert.Null(link.PersonRef);
        Assert.Contains("verified", link.Reason, StringComparison.Ordinal);
        Assert.Null((await PersonAsync("ada")).SignInSubject);
    }

    [Fact]
    public async Task LinkAsync_UserNameOnlyLikeAPersonName_LinksNobody()
    {
        // A provider's preferred_username is never used: without an e-mail there is nothing to link by.
        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-x", Email: null, EmailVerified: true), Ct);
        Assert.Equal(SignInLinkOutcome.NoPerson, link.Outcome);
    }

    [Fact]
    public async Task LinkAsync_VerifiedEmailOfAPersonLinkedToAnotherAccount_IsRefusedAndAudited()
    {
        await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-other", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Refused, "taken"), (link.Outcome, link.Code));
        Assert.Contains("already linked", link.Reason, StringComparison.Ordinal);
        Assert.Equal("sub-ada", (await PersonAsync("ada")).SignInSubject);
        await using var db = Db.CreateContext();
        var refusal = await db.AuditEntries.SingleAsync(a => !a.Succeeded, Ct);
        Assert.Equal(("oidc:sub-other", "ada"), (refusal.Actor, refusal.EntityKey));
    }

    [Fact]
    public async Task LinkAsync_SameSubjectFromAnotherIssuer_IsADifferentAccount()
    {
        await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        var link = await Linker.LinkAsync(new SignInIdentity("https://evil.example/", "sub-ada", "bo@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.NewlyLinked, "bo"), (link.Outcome, link.PersonRef));
    }

    [Fact]
    public async Task LinkAsync_EmailSharedBySeveralPeople_IsRefused()
    {
        await using (var db = Db.CreateContext())
        {
            db.People.Add(new Person("ada-2", "Ada again", "ada@example.com"));
            await db.SaveChangesAsync(Ct);
        }

        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Refused, "ambiguous"), (link.Outcome, link.Code));
        Assert.Null((await PersonAsync("ada")).SignInSubject);
    }

    [Fact]
    public async Task ForSignInAsync_LinkedAccount_ActsAsThePersonWithTheirTeams()
    {
        await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);
        var directory = new ActorDirectory(Db.Factory);

        var actor = await directory.ForSignInAsync(Issuer, "sub-ada", PortalRole.Editor, Ct);

        Assert.NotNull(actor);
        Assert.Equal(("ada", PortalRole.Editor), (actor.Name, actor.Role));
        Assert.Single(actor.TeamIds);
        Assert.Null(await directory.ForSignInAsync(Issuer, "sub-bo", PortalRole.Editor, Ct));
    }

    private async Task OrphanAsync(string name, bool orphaned = true)
    {
        await using var db = Db.CreateContext();
        var person = await db.People.SingleAsync(p => p.Name == name, Ct);
        if (orphaned)
        {
            person.MarkOrphaned();
        }
        else
        {
            person.RecordSource(DataSource.Manual, null);
        }

        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task LinkAsync_OnlyPersonWithTheEmailIsOrphaned_LinksNobody()
    {
        await OrphanAsync("ada");

        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal(SignInLinkOutcome.NoPerson, link.Outcome);
        Assert.Null((await PersonAsync("ada")).SignInSubject);
    }

    [Fact]
    public async Task LinkAsync_EmailSharedWithAnOrphan_LinksTheOnePersonStillInTheCatalog()
    {
        await using (var db = Db.CreateContext())
        {
            db.People.Add(new Person("ada-old", "Ada (left)", "ada@example.com"));
            await db.SaveChangesAsync(Ct);
        }

        await OrphanAsync("ada-old");

        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.NewlyLinked, "ada"), (link.Outcome, link.PersonRef));
    }

    [Fact]
    public async Task LinkAsync_LinkedPersonOrphaned_IsRefusedAuditedAndAllowedAgainOnceAdopted()
    {
        await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);
        await OrphanAsync("ada");
        var directory = new ActorDirectory(Db.Factory);

        var refused = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Refused, "orphaned"), (refused.Outcome, refused.Code));
        Assert.Null(await directory.ForSignInAsync(Issuer, "sub-ada", PortalRole.Editor, Ct));
        Assert.True(await directory.IsSignInOrphanedAsync(Issuer, "sub-ada", Ct));
        await using (var db = Db.CreateContext())
        {
            var audit = await db.AuditEntries.OrderBy(a => a.Id).LastAsync(Ct);
            Assert.Equal(("person.link-sign-in", "ada", false), (audit.Action, audit.EntityKey, audit.Succeeded));
            Assert.Contains("orphaned", audit.After, StringComparison.Ordinal);
        }

        await OrphanAsync("ada", orphaned: false);
        var again = await Linker.LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Linked, "ada"), (again.Outcome, again.PersonRef));
        Assert.False(await directory.IsSignInOrphanedAsync(Issuer, "sub-ada", Ct));
        Assert.NotNull(await directory.ForSignInAsync(Issuer, "sub-ada", PortalRole.Editor, Ct));
    }

    [Fact]
    public async Task ForPersonAsync_OrphanedPerson_IsNobodyAndNotOfferedForLocalSignIn()
    {
        var directory = new ActorDirectory(Db.Factory);
        Assert.NotNull(await directory.ForPersonAsync("bo", null, Ct));

        await OrphanAsync("bo");

        Assert.Null(await directory.ForPersonAsync("bo", null, Ct));
        Assert.Null(await directory.ForPersonAsync("bo@example.com", null, Ct));
        Assert.DoesNotContain(await directory.ListPeopleAsync(null, 50, Ct), p => p.Name == "bo");
    }

    [Fact]
    public async Task LinkAsync_SubjectLongerThanStored_IsRefusedWithoutWriting()
    {
        var link = await Linker.LinkAsync(new SignInIdentity(Issuer, new string('s', SignInLinker.MaxSubjectLength + 1), "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Refused, "refused"), (link.Outcome, link.Code));
        Assert.Null((await PersonAsync("ada")).SignInSubject);
    }

    [Fact]
    public async Task LinkAsync_SaveFailsForAnotherReasonThanARace_IsRefusedNotThrown()
    {
        var failing = new FailingSaveFactory(Db);

        var link = await new SignInLinker(failing, NullLogger<SignInLinker>.Instance)
            .LinkAsync(new SignInIdentity(Issuer, "sub-ada", "ada@example.com", true), Ct);

        Assert.Equal((SignInLinkOutcome.Refused, "refused"), (link.Outcome, link.Code));
        Assert.Equal(2, failing.Attempts);
        Assert.Null((await PersonAsync("ada")).SignInSubject);
    }

    /// <summary>Contexts whose every save fails as a database constraint would, not because of a concurrent link.</summary>
    private sealed class FailingSaveFactory(TestDatabase database) : IDbContextFactory<Portal.Domain.Persistence.PortalDbContext>
    {
        public int Attempts { get; private set; }

        public Portal.Domain.Persistence.PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<Portal.Domain.Persistence.PortalDbContext>(database.Options()).AddInterceptors(new Failing(this)).Options);

        private sealed class Failing(FailingSaveFactory owner) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
        {
            public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
                Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData,
                Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
                CancellationToken cancellationToken = default)
            {
                owner.Attempts++;
                throw new DbUpdateException("CHECK constraint failed");
            }
        }
    }

    [Fact]
    public void LinkSignIn_PersonLinkedToAnotherAccount_Throws()
    {
        var person = new Person("ada");
        Assert.True(person.LinkSignIn(Issuer, "one"));
        Assert.False(person.LinkSignIn(Issuer, "one"));
        Assert.Throws<DomainValidationException>(() => person.LinkSignIn(Issuer, "two"));
    }
}

public sealed class SqliteSignInLinkerTests() : SignInLinkerTests(TestProvider.Sqlite);

public sealed class PostgresSignInLinkerTests() : SignInLinkerTests(TestProvider.Postgres);
