using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
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

    private async Task<TicketReceivedContext> ProviderAnswersAsync(string subject, params (string Type, string Value)[] claims)
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", subject, ClaimValueTypes.String, Issuer), .. claims.Select(c => new Claim(c.Type, c.Value, ClaimValueTypes.String, Issuer))],
            "AuthenticationTypes.Federation",
            "name",
            ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Role, "Editor"));
        identity.AddClaim(new Claim(PortalClaims.Source, "oidc"));
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
        await using var db = _factory.Database.CreateContext();
        Assert.Equal("sub-ada", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).SignInSubject);
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
}
