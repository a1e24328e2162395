using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Security;

public abstract class ApiTokenServiceTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly Actor Admin = new("root", "Root", PortalRole.Admin, new HashSet<Guid>());

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private ApiTokenService Tokens => new(Db.Factory, _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_WithoutALifetime_ExpiresInAYear()
    {
        var (token, _) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, Ct);

        Assert.Equal(new DateTime(2027, 12, 6, 9, 0, 0, DateTimeKind.Utc), token.ExpiresAt);
        Assert.Equal("active", token.StatusAt(_clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task AuthenticateAsync_AfterItsExpiry_IsRefusedSayingWhen()
    {
        var (_, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, TimeSpan.FromDays(30), Ct);
        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await Tokens.AuthenticateAsync(secret, Ct));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var check = await Tokens.CheckAsync(secret, Ct);

        Assert.Null(check.Actor);
        Assert.Contains("'ci' expired on 2027-01-05 09:00 UTC", check.Refusal, StringComparison.Ordinal);
        Assert.Equal("expired", (await Tokens.ListAsync(Ct)).Single().StatusAt(_clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task CreateAsync_NoExpiry_StillWorksYearsLater()
    {
        var (token, secret) = await Tokens.CreateAsync(Admin, "forever", PortalRole.Viewer, lifetime: null, Ct);
        _clock.Advance(TimeSpan.FromDays(3650));

        Assert.Null(token.ExpiresAt);
        Assert.NotNull(await Tokens.AuthenticateAsync(secret, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5 * 365 + 1)]
    public async Task CreateAsync_LifetimeOutOfRange_IsRefused(int days)
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, TimeSpan.FromDays(days), Ct));

        Assert.Equal("expiresInDays", ex.Field);
    }

    [Fact]
    public async Task CreateAsync_NameOfATokenInUse_IsRefusedWhateverTheCase()
    {
        await Tokens.CreateAsync(Admin, "CI pipeline", PortalRole.Viewer, Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Tokens.CreateAsync(Admin, " ci PIPELINE ", PortalRole.Admin, Ct));

        Assert.Equal("name", ex.Field);
        Assert.Contains("already the name of a token in use", ex.Reason, StringComparison.Ordinal);
        Assert.Single(await Tokens.ListAsync(Ct));
    }

    [Fact]
    public async Task CreateAsync_NameOfARevokedOrExpiredToken_IsAllowed()
    {
        var (revoked, _) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, Ct);
        await Tokens.RevokeAsync(Admin, revoked.Id, Ct);
        await Tokens.CreateAsync(Admin, "nightly", PortalRole.Viewer, TimeSpan.FromDays(1), Ct);
        _clock.Advance(TimeSpan.FromDays(2));

        await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, Ct);
        await Tokens.CreateAsync(Admin, "nightly", PortalRole.Viewer, Ct);

        Assert.Equal(4, (await Tokens.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task CreateAsync_NameDifferingOnlyInNonAsciiCase_IsRefused()
    {
        await Tokens.CreateAsync(Admin, "Équipe données", PortalRole.Viewer, Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Tokens.CreateAsync(Admin, "équipe DONNÉES", PortalRole.Viewer, Ct));

        Assert.Equal("name", ex.Field);
    }

    [Fact]
    public async Task CreateAsync_SameNameAtTheSameMoment_OnlyOneIsCreated()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await Tokens.CreateAsync(Admin, "deploy", PortalRole.Viewer, Ct);
                return "created";
            }
            catch (DomainValidationException ex) when (ex.Field == "name")
            {
                return "refused";
            }
        }));

        Assert.Single(attempts, a => a == "created");
        Assert.Single(await Tokens.ListAsync(Ct));
    }

    [Fact]
    public async Task CreateAsync_TokenStoredWithTheSameKey_IsRefusedByTheDatabase()
    {
        // What a second admin's create would meet had it passed the check a moment before this one was saved.
        var (first, _) = ApiToken.Issue("deploy", PortalRole.Viewer, "admin", _clock.GetUtcNow().UtcDateTime, null);
        var (second, _) = ApiToken.Issue("DEPLOY", PortalRole.Viewer, "admin", _clock.GetUtcNow().UtcDateTime, null);
        await using var db = Db.CreateContext();
        db.ApiTokens.Add(first);
        await db.SaveChangesAsync(Ct);
        db.ApiTokens.Add(second);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task CheckAsync_Token_ActsWithItsIdForTheAuditLog()
    {
        var (token, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, Ct);

        var actor = (await Tokens.CheckAsync(secret, Ct)).Actor!;

        Assert.Equal("token:ci", actor.Name);
        Assert.Equal($"token:ci#{token.Id}", actor.AuditName);
    }

    [Fact]
    public async Task CheckAsync_RevokedToken_SaysItWasRevoked()
    {
        var (token, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, Ct);
        await Tokens.RevokeAsync(Admin, token.Id, Ct);

        Assert.Contains("'ci' was revoked on 2026-12-06", (await Tokens.CheckAsync(secret, Ct)).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_IssuedToken_ActsWithItsRole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Editor, ct);

        var actor = await Tokens.AuthenticateAsync(secret, ct);

        Assert.NotNull(actor);
        Assert.Equal(PortalRole.Editor, actor.Role);
        Assert.Equal("token:ci", actor.Name);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedToken_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (token, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, ct);
        await Tokens.RevokeAsync(Admin, token.Id, ct);
        Assert.Null(await Tokens.AuthenticateAsync(secret, ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ptl_not-a-real-token")]
    [InlineData("Bearer something")]
    public async Task AuthenticateAsync_UnknownSecret_IsRefused(string secret) =>
        Assert.Null(await Tokens.AuthenticateAsync(secret, TestContext.Current.CancellationToken));

    [Fact]
    public async Task CreateAsync_ByEditor_IsForbidden() =>
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Tokens.CreateAsync(new Actor("ada", "Ada", PortalRole.Editor, new HashSet<Guid>()), "x", PortalRole.Admin, TestContext.Current.CancellationToken));

    [Fact]
    public async Task CreateAsync_StoresHashNotSecret_AndAudits()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, secret) = await Tokens.CreateAsync(Admin, "ci", PortalRole.Viewer, ct);
        await using var db = Db.CreateContext();
        var stored = await db.ApiTokens.SingleAsync(ct);
        Assert.NotEqual(secret, stored.Hash);
        Assert.DoesNotContain(secret, (await db.AuditEntries.SingleAsync(ct)).After ?? "", StringComparison.Ordinal);
    }
}

public sealed class SqliteApiTokenServiceTests() : ApiTokenServiceTests(TestProvider.Sqlite);

public sealed class PostgresApiTokenServiceTests() : ApiTokenServiceTests(TestProvider.Postgres);
