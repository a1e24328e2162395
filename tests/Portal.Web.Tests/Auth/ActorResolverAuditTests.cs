using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Auth;

/// <summary>When the database cannot say who someone is, an audit entry still names them, from the claims Portal wrote at sign-in.</summary>
public sealed class ActorResolverAuditTests
{
    private static ActorResolver Resolver(AuthMode mode) =>
        new(new ActorDirectory(new DownFactory()), Options.Create(new AuthOptions { Mode = mode }), NullLogger<ActorResolver>.Instance);

    [Fact]
    public async Task LocalPerson_DatabaseDown_NamedByTheirIdAndRoleFromTheCookie()
    {
        var user = PortalClaims.Create("ada", "Ada Lovelace", PortalRole.Editor, PortalClaims.LocalSource, CookieAuthenticationDefaults.AuthenticationScheme);

        await Assert.ThrowsAsync<RetryLimitExceededException>(() => Resolver(AuthMode.Local).ResolveAsync(user, CancellationToken.None));
        var actor = await Resolver(AuthMode.Local).ResolveForAuditAsync(user);

        Assert.Equal(("ada", "Ada Lovelace", PortalRole.Editor), (actor.Name, actor.DisplayName, actor.Role));
    }

    [Fact]
    public async Task OidcAccount_DatabaseDown_NamedAsItsSubject()
    {
        var user = PortalClaims.Create("someone", "Someone", PortalRole.Viewer, PortalClaims.OidcSource, "oidc");
        var identity = (ClaimsIdentity)user.Identity!;
        identity.AddClaim(new Claim(OidcSignIn.SubjectClaim, "248289761001"));
        identity.AddClaim(new Claim(PortalClaims.OidcIssuer, "https://login.example.com"));

        var actor = await Resolver(AuthMode.Oidc).ResolveForAuditAsync(user);

        Assert.Equal("oidc:248289761001", actor.Name);
    }

    [Fact]
    public async Task BuiltInAdministrator_NeedsNoDatabase()
    {
        var user = PortalClaims.Create(PortalClaims.LocalAdminId, "Local administrator", PortalRole.Admin, PortalClaims.BuiltInSource, CookieAuthenticationDefaults.AuthenticationScheme);

        Assert.Equal(ActorDirectory.LocalAdministrator, await Resolver(AuthMode.Local).ResolveForAuditAsync(user));
    }

    /// <summary>Fails as EF Core's retrying strategy does once PostgreSQL stays away.</summary>
    private sealed class DownFactory : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => throw new RetryLimitExceededException("The database is down.", new TimeoutException());
    }
}
