using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Security;

public abstract class ApiTokenServiceTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly Actor Admin = new("root", "Root", PortalRole.Admin, new HashSet<Guid>());

    private ApiTokenService Tokens => new(Db.Factory, TimeProvider.System);

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
