using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Web.Auth;
using Portal.Web.Hosting;
using Portal.Testing;

namespace Portal.Web.Tests.Auth;

/// <summary>
/// What the OpenID Connect handler does once the provider has answered: the same hook and resolver the app uses,
/// run against the real app's services, with claims as a provider would send them.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private const string Issuer = "https://login.example.com/";

    private PortalWebFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        await using var db = _factory.Database.CreateContext();
        var team = new Team("payments", "Payments");
        var ada = new Person("ada", "Ada Lovelace", "ada@example.com");
        team.AddMember(ada);
        db.AddRange(team, ada);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private Task<TicketReceivedContext> ProviderAnswersAsync(string subject, params (string Type, string Value)[] claims) =>
        ProviderAnswersAsync(subject, claims, []);

    /// <summary>
    /// The provider's id token carries <paramref name="claims"/> (validated as the app does in OnTokenValidated),
    /// then its user-info answer adds <paramref name="userInfo"/>, then the ticket is received.
    /// </summary>
    private async Task<TicketReceivedContext> ProviderAnswersAsync(
        string subject, (string Type, string Value)[] claims, (string Type, string Value)[] userInfo)
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", subject, ClaimValueTypes.String, Issuer), new Claim("roles", "portal-editor", ClaimValueTypes.String, Issuer),
             .. claims.Select(c => new Claim(c.Type, c.Value, ClaimValueTypes.String, Issuer))],
            "AuthenticationTypes.Federation",
            "name",
            ClaimTypes.Role);
        OidcSignIn.TokenValidated(identity, new OidcOptions());
        foreach (var (type, value) in userInfo)
        {
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, AuthHosting.OidcScheme));
        }

        var http = new DefaultHttpContext { RequestServices = _factory.Services.CreateScope().ServiceProvider };
        var context = new TicketReceivedContext(
            http,
            new AuthenticationScheme(AuthHosting.OidcScheme, null, typeof(OpenIdConnectHandler)),
            new OpenIdConnectOptions(),
            new AuthenticationTicket(new ClaimsPrincipal(identity), AuthHosting.OidcScheme));
        await OidcSignIn.TicketReceivedAsync(context, new OidcOptions());
        return context;
    }

    private Task<Portal.Domain.Security.Actor> ActorOfAsync(TicketReceivedContext context) =>
        _factory.Services.GetRequiredService<ActorResolver>().ResolveAsync(context.Principal!, Ct);

    [Fact]
    public async Task TicketReceived_VerifiedEmail_SignsInAsThatPersonWithTheirTeams()
    {
        var context = await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"), ("name", "Ada"));

        Assert.Null(context.Result);
        var actor = await ActorOfAsync(context);
        Assert.Equal("ada", actor.Name);
        Assert.Single(actor.TeamIds);
        // What the account did before the link (as oidc:<subject>) is still its own: no deciding its own requests.
        Assert.True(actor.Is("oidc:sub-ada"));
        Assert.False(actor.Is("oidc:sub-bo"));
        await using var db = _factory.Database.CreateContext();
        Assert.Equal("sub-ada", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).SignInSubject);
    }

    [Fact]
    public async Task Resolve_AfterAnAdminRemovedTheLink_TheSameSessionIsTheBareAccountWithNoTeams()
    {
        var context = await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"), ("name", "Ada"));
        Assert.Equal("ada", (await ActorOfAsync(context)).Name);

        await _factory.Services.GetRequiredService<SignInLinker>().UnlinkAsync(
            new Actor("root", "Root", PortalRole.Admin, new HashSet<Guid>()), "ada", new SignInIdentity(Issuer, "sub-ada", null, false), Ct);

        // The session's claims did not change; the link is read again on every resolve.
        var actor = await ActorOfAsync(context);
        Assert.Equal("oidc:sub-ada", actor.Name);
        Assert.Equal(PortalRole.Editor, actor.Role);
        Assert.Empty(actor.TeamIds);
        Assert.Empty(actor.OtherNames);
        Assert.False(actor.Is("ada"));
    }

    [Fact]
    public async Task TicketReceived_UnverifiedEmail_SignsInWithoutThePersonOrTheirTeams()
    {
        var context = await ProviderAnswersAsync("sub-mallory", ("email", "ada@example.com"), ("email_verified", "false"), ("name", "Mallory"));

        var actor = await ActorOfAsync(context);
        Assert.Equal("oidc:sub-mallory", actor.Name);
        Assert.Empty(actor.TeamIds);
    }

    [Fact]
    public async Task TicketReceived_PreferredUserNameOfAPerson_IsNotUsedToLink()
    {
        var context = await ProviderAnswersAsync("sub-mallory", ("preferred_username", "ada"), ("name", "ada"));

        var actor = await ActorOfAsync(context);
        Assert.Equal("oidc:sub-mallory", actor.Name);
        Assert.Empty(actor.TeamIds);
    }

    [Fact]
    public async Task TicketReceived_PersonLinkedToAnotherAccount_IsRefusedWithAReasonOnTheSignInPage()
    {
        await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));

        var context = await ProviderAnswersAsync("sub-other", ("email", "ada@example.com"), ("email_verified", "true"));

        Assert.True(context.Result?.Handled);
        Assert.Equal("/signin?error=oidc-taken", context.Response.Headers.Location.ToString());
        var page = await _factory.CreateClient().GetStringAsync("/signin?error=oidc-taken", Ct);
        Assert.Contains("already linked to a different sign-in account", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_OidcPrincipalWithAnEmailClaimButNoLink_DoesNotActAsThatPerson()
    {
        // A cookie from before linking existed carries only claims: the e-mail alone never makes someone Ada.
        var identity = new ClaimsIdentity(
            [new Claim("sub", "sub-x"), new Claim("email", "ada@example.com"), new Claim(PortalClaims.OidcIssuer, Issuer),
             new Claim(PortalClaims.Source, "oidc"), new Claim(ClaimTypes.Role, "Editor")],
            "Cookies", "name", ClaimTypes.Role);

        var actor = await _factory.Services.GetRequiredService<ActorResolver>().ResolveAsync(new ClaimsPrincipal(identity), Ct);

        Assert.Equal("oidc:sub-x", actor.Name);
        Assert.Empty(actor.TeamIds);
    }

    [Fact]
    public async Task TokenValidated_TokenPosingAsTheLocalAdministrator_IsNotTheAdministrator()
    {
        var context = await ProviderAnswersAsync(
            "sub-mallory", ("portal:source", "builtin"), (ClaimTypes.NameIdentifier, PortalClaims.LocalAdminId), (ClaimTypes.Name, "Local administrator"));

        var actor = await ActorOfAsync(context);
        Assert.NotSame(Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator, actor);
        Assert.Equal("oidc:sub-mallory", actor.Name);
        Assert.Equal(Portal.Domain.Security.PortalRole.Editor, actor.Role);
        Assert.Equal(PortalClaims.OidcSource, Assert.Single(context.Principal!.FindAll(PortalClaims.Source)).Value);
        Assert.Empty(context.Principal!.FindAll(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public async Task TokenValidated_TokenPosingAsALocalSignIn_IsNotThatPerson()
    {
        var context = await ProviderAnswersAsync("sub-mallory", ("portal:source", "local"), (ClaimTypes.NameIdentifier, "ada"));

        var actor = await ActorOfAsync(context);
        Assert.Equal("oidc:sub-mallory", actor.Name);
        Assert.Empty(actor.TeamIds);
    }

    [Fact]
    public async Task TokenValidated_TokenPosingAsAnApiToken_MayNotWriteWithTheCookie()
    {
        var context = await ProviderAnswersAsync("sub-mallory", ("portal:source", "token"));

        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        var authorization = new Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext([], context.Principal!, http);
        Assert.False(AuthHosting.ReadsOrCarriesAToken(authorization));
        Assert.Equal("oidc:sub-mallory", (await ActorOfAsync(context)).Name);
    }

    [Fact]
    public async Task TokenValidated_RoleClaimOfPortalsOwnType_IsNotBelieved()
    {
        var context = await ProviderAnswersAsync("sub-mallory", [(ClaimTypes.Role, "Admin")], [(ClaimTypes.Role, "Admin")]);

        Assert.False(context.Principal!.IsInRole("Admin"));
        Assert.Equal(Portal.Domain.Security.PortalRole.Editor, PortalClaims.RoleOf(context.Principal!));
        Assert.Equal(Portal.Domain.Security.PortalRole.Editor, (await ActorOfAsync(context)).Role);
    }

    [Fact]
    public async Task TokenValidated_RoleClaimInAnotherLetterCase_IsNotBelieved()
    {
        var context = await ProviderAnswersAsync(
            "sub-mallory", [(ClaimTypes.Role.ToUpperInvariant(), "Admin"), ("PORTAL:SOURCE", "builtin")], [(ClaimTypes.Role.ToUpperInvariant(), "Admin")]);

        Assert.False(context.Principal!.IsInRole("Admin"));
        Assert.DoesNotContain(context.Principal!.Claims, PortalClaims.IsForeignReserved);
        Assert.Equal(Portal.Domain.Security.PortalRole.Editor, PortalClaims.RoleOf(context.Principal!));
        Assert.Equal("oidc:sub-mallory", (await ActorOfAsync(context)).Name);
    }

    [Fact]
    public async Task TokenValidated_SubjectClaimInAnotherLetterCase_DoesNotActAsThatSubject()
    {
        await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));

        // FindFirst ignores case: a "SUB" naming Ada's subject must not be found instead of Mallory's own "sub".
        var context = await ProviderAnswersAsync("sub-mallory", ("SUB", "sub-ada"), ("Sub", "sub-ada"));

        Assert.Equal("sub-mallory", Assert.Single(context.Principal!.FindAll(OidcSignIn.SubjectClaim)).Value);
        Assert.Equal("oidc:sub-mallory", (await ActorOfAsync(context)).Name);
    }

    [Fact]
    public void RoleOf_RoleClaimWrittenBySomeoneElse_CountsForNothing()
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, "Admin", ClaimValueTypes.String, Issuer), new Claim(ClaimTypes.Role, "Viewer")], "Cookies", "name", ClaimTypes.Role);

        Assert.Equal(Portal.Domain.Security.PortalRole.Viewer, PortalClaims.RoleOf(new ClaimsPrincipal(identity)));
    }

    [Fact]
    public async Task TicketReceived_IssuerClaimInTokenOrUserInfo_IsReplacedByTheValidatedIssuer()
    {
        await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));

        // Same subject at another issuer: must not resolve to the person linked at the real issuer, and vice versa.
        var context = await ProviderAnswersAsync(
            "sub-ada", [(PortalClaims.OidcIssuer, "https://evil.example/")], [(PortalClaims.OidcIssuer, "https://evil.example/")]);

        Assert.Equal(Issuer, Assert.Single(context.Principal!.FindAll(PortalClaims.OidcIssuer)).Value);
        Assert.Equal("ada", (await ActorOfAsync(context)).Name);
    }

    [Fact]
    public async Task TicketReceived_UserInfoPosingAsPortal_IsStripped()
    {
        var context = await ProviderAnswersAsync(
            "sub-mallory", [], [("portal:source", "builtin"), ("portal:signed-in-at", "2999-01-01T00:00:00Z"), (ClaimTypes.NameIdentifier, "local-admin")]);

        Assert.Equal(PortalClaims.OidcSource, Assert.Single(context.Principal!.FindAll(PortalClaims.Source)).Value);
        Assert.Empty(context.Principal!.FindAll(PortalClaims.SignedInAt));
        Assert.Empty(context.Principal!.FindAll(ClaimTypes.NameIdentifier));
        Assert.Equal("oidc:sub-mallory", (await ActorOfAsync(context)).Name);
    }

    [Fact]
    public async Task Resolve_PortalIssuedBuiltInSourceUnderOidcMode_IsNotTheAdministrator()
    {
        await using var oidc = _factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Mode", "Oidc");
            b.UseSetting("Auth:Oidc:Authority", "https://login.example.com");
            b.UseSetting("Auth:Oidc:ClientId", "portal");
        });
        var builtIn = PortalClaims.Create(PortalClaims.LocalAdminId, "Local administrator", Portal.Domain.Security.PortalRole.Admin, PortalClaims.BuiltInSource, "Cookies");
        var local = PortalClaims.Create("ada", "Ada", Portal.Domain.Security.PortalRole.Admin, PortalClaims.LocalSource, "Cookies");

        var resolver = oidc.Services.GetRequiredService<ActorResolver>();

        Assert.Equal("anonymous", (await resolver.ResolveAsync(builtIn, Ct)).Name);
        Assert.Equal("anonymous", (await resolver.ResolveAsync(local, Ct)).Name);
        Assert.Same(Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator, await _factory.Services.GetRequiredService<ActorResolver>().ResolveAsync(builtIn, Ct));
    }

    private async Task OrphanAdaAsync()
    {
        await using var db = _factory.Database.CreateContext();
        (await db.People.SingleAsync(p => p.Name == "ada", Ct)).MarkOrphaned();
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task TicketReceived_LinkedPersonOrphaned_IsRefusedWithAReasonOnTheSignInPage()
    {
        await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));
        await OrphanAdaAsync();

        var context = await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));

        Assert.Equal("/signin?error=oidc-orphaned", context.Response.Headers.Location.ToString());
        var page = await _factory.CreateClient().GetStringAsync("/signin?error=oidc-orphaned", Ct);
        Assert.Contains("was removed from the source the catalog reads people from", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_LinkedPersonOrphanedAfterSignIn_SignsTheAccountOut()
    {
        var context = await ProviderAnswersAsync("sub-ada", ("email", "ada@example.com"), ("email_verified", "true"));
        var refresher = _factory.Services.GetRequiredService<PrincipalRefresher>();
        Assert.Same(context.Principal, await refresher.RefreshAsync(context.Principal!, Ct));

        await OrphanAdaAsync();

        Assert.Null(await refresher.RefreshAsync(context.Principal!, Ct));
        Assert.Equal("oidc:sub-ada", (await ActorOfAsync(context)).Name);
    }
}
