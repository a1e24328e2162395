using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Testing;

namespace Portal.Web.Tests.Auth;

/// <summary>Sessions follow reality: the sign-in mode, the built-in administrator, roles changed after sign-in, return URLs.</summary>
public sealed partial class SessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestDatabase _database = null!;
    private PortalWebFactory _factory = null!;
    private WebApplicationFactory<Program> _app = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _factory = new PortalWebFactory(_database, ownsDatabase: false);
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Signs in on the local sign-in form; returns the response and the cookies to send afterwards.</summary>
    private async Task<(HttpResponseMessage Response, string Cookies)> SignInAsync(string person, string returnUrl = "/")
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/signin", Ct);
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["person"] = person, ["returnUrl"] = returnUrl,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post, Ct);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
        return (response, cookies);
    }

    private static async Task<HttpResponseMessage> GetAsync(WebApplicationFactory<Program> app, string path, string cookies)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request, Ct);
    }

    private async Task SetRoleAsync(string person, PortalRole role)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.People.SingleAsync(p => p.Name == person, Ct);
        row.SetRole(role);
        await db.SaveChangesAsync(Ct);
    }

    private static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal);

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    public async Task LocalSignIn_ReturnUrlNotLocal_RedirectsHome(string returnUrl)
    {
        var (response, _) = await SignInAsync("local-admin", returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignInPage_EncodedTabReturnUrl_IsNotCarriedIntoTheForm()
    {
        var client = _app.CreateClient();
        var html = await client.GetStringAsync("/signin?returnUrl=%2F%09%2Fevil.example", Ct);
        Assert.Contains("name=\"returnUrl\" value=\"/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_IssuedUnderLocalMode_IsRejectedUnderOidc()
    {
        var (_, cookies) = await SignInAsync("local-admin");
        await using var oidc = new PortalWebFactory(_database, ownsDatabase: false).WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Mode", "Oidc");
            b.UseSetting("Auth:Oidc:Authority", "https://login.example.com");
            b.UseSetting("Auth:Oidc:ClientId", "portal");
        });

        var sameMode = await GetAsync(_app, "/api/v1/services", cookies);
        var otherMode = await GetAsync(oidc, "/api/v1/services", cookies);

        Assert.Equal(HttpStatusCode.OK, sameMode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherMode.StatusCode);
        await using var db = _database.CreateContext();
        var refused = Assert.Single(await db.AuditEntries.Where(a => a.Action == SessionCookieEvents.RejectedAction).ToListAsync(Ct));
        Assert.Equal(("local-admin", false), (refused.Actor, refused.Succeeded));
        Assert.Contains("issued under Auth:Mode Local", refused.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_PastTheAbsoluteLifetime_IsRejectedThoughActive()
    {
        var (_, cookies) = await SignInAsync("local-admin");
        for (var hour = 0; hour < 24; hour += 4)
        {
            _clock.Advance(TimeSpan.FromHours(4));
            var response = await GetAsync(_app, "/api/v1/services", cookies);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // Active use renews the sliding cookie, as a browser would keep it.
            if (response.Headers.TryGetValues("Set-Cookie", out var renewed))
            {
                cookies = string.Join("; ", renewed.Select(c => c.Split(';')[0]));
            }
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(_app, "/api/v1/services", cookies)).StatusCode);
    }

    [Fact]
    public async Task LocalSignIn_CatalogPersonNamedLocalAdmin_IsThatPersonNotTheBuiltInAdministrator()
    {
        await _factory.SeedDemoAsync();
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            var viewer = await db.People.SingleAsync(p => p.Name == "lina.haddad", Ct);
            Assert.Equal(PortalRole.Viewer, viewer.Role);
        }

        var import = await _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin)).PostAsync(
            "/api/v1/catalog/import",
            new StringContent("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: local-admin\nspec:\n  profile:\n    displayName: Not The Admin\n  memberOf: []\n"),
            Ct);
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(Ct));
        await SetRoleAsync("local-admin", PortalRole.Viewer);

        var (response, cookies) = await SignInAsync("local-admin");
        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.True(IsForbidden(await GetAsync(_app, "/jobs", cookies)));

        var claims = PortalClaims.Create("local-admin", "Not The Admin", PortalRole.Viewer, PortalClaims.LocalSource, "Cookies");
        var actor = await _app.Services.GetRequiredService<ActorResolver>().ResolveAsync(claims, Ct);
        Assert.Equal(PortalRole.Viewer, actor.Role);
        Assert.NotSame(Portal.Domain.Security.Queries.ActorDirectory.LocalAdministrator, actor);
    }

    [Fact]
    public async Task Cookie_AdminDemotedAfterSignIn_LosesAdminWithinTheRefreshInterval()
    {
        await _factory.SeedDemoAsync();
        var (_, cookies) = await SignInAsync("erik.johansson");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/jobs", cookies)).StatusCode);

        await SetRoleAsync("erik.johansson", PortalRole.Viewer);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var response = await GetAsync(_app, "/jobs", cookies);

        Assert.True(IsForbidden(response), $"got {response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Cookie_PersonRemovedFromCatalog_IsSignedOut()
    {
        await _factory.SeedDemoAsync();
        var (_, cookies) = await SignInAsync("lina.haddad");
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.TeamMemberships.Where(m => m.Person.Name == "lina.haddad").ExecuteDeleteAsync(Ct);
            await db.People.Where(p => p.Name == "lina.haddad").ExecuteDeleteAsync(Ct);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(_app, "/api/v1/services", cookies)).StatusCode);
    }

    /// <summary>An open circuit's provider holding <paramref name="user"/>, and a task completing with the next principal it switches to.</summary>
    private static (PortalAuthenticationStateProvider Provider, Task<ClaimsPrincipal> Changed) OpenCircuit(IServiceScope scope, ClaimsPrincipal user)
    {
        var provider = (PortalAuthenticationStateProvider)scope.ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(user)));
        var changed = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult((await state).User);
        return (provider, changed.Task);
    }

    /// <summary>A cookie-borne principal as the cookie handler hands it to a circuit: with the session's start.</summary>
    private ClaimsPrincipal SignedIn(string id, PortalRole role, string source, TimeSpan ago)
    {
        var user = PortalClaims.Create(id, id, role, source, "Cookies");
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(PortalClaims.SignedInAt, (_clock.GetUtcNow() - ago).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return user;
    }

    [Fact]
    public async Task Circuit_AdminDemoted_BecomesViewerAtTheNextRefresh()
    {
        await _factory.SeedDemoAsync();
        using var scope = _app.Services.CreateScope();
        var (_, changed) = OpenCircuit(scope, SignedIn("erik.johansson", PortalRole.Admin, PortalClaims.LocalSource, TimeSpan.Zero));

        await SetRoleAsync("erik.johansson", PortalRole.Viewer);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(changed.IsCompleted);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var user = await changed.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(PortalRole.Viewer, PortalClaims.RoleOf(user));
        Assert.Equal("erik.johansson", user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("oidc")]
    public async Task Circuit_PastTheAbsoluteLifetime_IsSignedOutAtTheNextRefresh(string source)
    {
        await _factory.SeedDemoAsync();
        using var scope = _app.Services.CreateScope();
        var (provider, changed) = OpenCircuit(scope, SignedIn("erik.johansson", PortalRole.Admin, source, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(3)));

        await provider.RefreshAsync();
        Assert.False(changed.IsCompleted);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var user = await changed.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.False(user.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Circuit_PrincipalWithoutSessionStart_IsSignedOut()
    {
        await _factory.SeedDemoAsync();
        using var scope = _app.Services.CreateScope();
        var (provider, changed) = OpenCircuit(scope, PortalClaims.Create("erik.johansson", "Erik", PortalRole.Admin, PortalClaims.LocalSource, "Cookies"));

        await provider.RefreshAsync();

        Assert.False((await changed.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Cookie_SignedIn_CarriesTheSessionStartToOpenPages()
    {
        var (_, cookies) = await SignInAsync("local-admin");
        var signedInAt = _clock.GetUtcNow();
        var ticket = ReadTicket(cookies);

        Assert.Equal(signedInAt, DateTimeOffset.Parse(ticket.Principal.FindFirstValue(PortalClaims.SignedInAt)!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Decrypts the sign-in cookie as the cookie handler does.</summary>
    private Microsoft.AspNetCore.Authentication.AuthenticationTicket ReadTicket(string cookies)
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        var value = cookies.Split("; ").Select(c => c.Split('=', 2)).Single(c => c[0] == "portal.auth")[1];
        return options.TicketDataFormat.Unprotect(value)!;
    }

    [Fact]
    public async Task Cookie_OidcSignInFromBeforeLinking_IsRejected()
    {
        await using var oidc = _app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Mode", "Oidc");
            b.UseSetting("Auth:Oidc:Authority", "https://login.example.com");
            b.UseSetting("Auth:Oidc:ClientId", "portal");
        });

        var linked = await GetAsync(oidc, "/api/v1/services", OidcCookie(oidc, withIssuer: true));
        var beforeLinking = await GetAsync(oidc, "/api/v1/services", OidcCookie(oidc, withIssuer: false));

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, beforeLinking.StatusCode);
    }

    [Fact]
    public async Task Cookie_HoldingAProvidersRoleClaim_IsRejected()
    {
        await using var oidc = _app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Mode", "Oidc");
            b.UseSetting("Auth:Oidc:Authority", "https://login.example.com");
            b.UseSetting("Auth:Oidc:ClientId", "portal");
        });

        // Issued before provider claims were stripped: the provider's own role claim rode along in the cookie.
        var forged = new Claim(ClaimTypes.Role, nameof(PortalRole.Admin), ClaimValueTypes.String, "https://login.example.com/");
        var response = await GetAsync(oidc, "/api/v1/services", OidcCookie(oidc, withIssuer: true, forged));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A sign-in cookie as the app issues it after an OpenID Connect sign-in, with or without the issuer claim linking added.</summary>
    private string OidcCookie(WebApplicationFactory<Program> app, bool withIssuer, params Claim[] extra)
    {
        var now = _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var identity = new ClaimsIdentity(
            [new Claim("sub", "sub-x", ClaimValueTypes.String, "https://login.example.com/"), new Claim("name", "X", ClaimValueTypes.String, "https://login.example.com/"),
             new Claim(ClaimTypes.Role, nameof(PortalRole.Viewer)), new Claim(PortalClaims.Source, PortalClaims.OidcSource), new Claim(PortalClaims.SignedInAt, now)],
            "AuthenticationTypes.Federation", "name", ClaimTypes.Role);
        if (withIssuer)
        {
            identity.AddClaim(new Claim(PortalClaims.OidcIssuer, "https://login.example.com/"));
        }

        identity.AddClaims(extra);

        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
        {
            [SessionCookieEvents.SignedInAtKey] = now, [SessionCookieEvents.ModeKey] = "Oidc", [SessionCookieEvents.RoleReadAtKey] = now,
        });
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        return "portal.auth=" + options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(new ClaimsPrincipal(identity), properties, "Cookies"));
    }
}
