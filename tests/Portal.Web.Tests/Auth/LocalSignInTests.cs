using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Testing;

namespace Portal.Web.Tests.Auth;

public sealed partial class LocalSignInTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string person, string returnUrl = "/")
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/signin", Ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await client.PostAsync(
            "/auth/local/signin",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["person"] = person,
                ["returnUrl"] = returnUrl,
            }),
            Ct);
        return (client, response);
    }

    [Fact]
    public async Task SignIn_AsLocalAdministratorOnEmptyCatalog_OpensThePortal()
    {
        var (client, response) = await SignInAsync("local-admin", "/catalog");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/catalog", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/catalog", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_AsLocalAdministratorOncePeopleExist_IsRefused()
    {
        await _factory.SeedDemoAsync();
        var (_, response) = await SignInAsync("local-admin");
        Assert.Contains("error=local-admin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AsUnknownPerson_IsRefused()
    {
        await _factory.SeedDemoAsync();
        var (_, response) = await SignInAsync("nobody-here");
        Assert.Contains("error=unknown", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AsPersonWithExternalReturnUrl_StaysOnThePortal()
    {
        await _factory.SeedDemoAsync();
        var (_, response) = await SignInAsync("erik.johansson", "https://evil.example/");
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task JobsDashboard_SignedInViewer_IsForbidden()
    {
        await _factory.SeedDemoAsync();
        var (client, _) = await SignInAsync("lina.haddad");
        var response = await client.GetAsync("/jobs", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal), $"got {response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task JobsDashboard_SignedInAdmin_IsShown()
    {
        await _factory.SeedDemoAsync();
        var (client, _) = await SignInAsync("erik.johansson");
        var response = await client.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Portal jobs", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lina.haddad", "/admin/sync")]
    [InlineData("ada.okafor", "/admin/sync")]
    [InlineData("lina.haddad", "/admin/sync/0199f0a4-0000-7000-8000-000000000001")]
    public async Task SyncPages_SignedInNonAdmin_AreForbidden(string person, string path)
    {
        await _factory.SeedDemoAsync();
        var (client, _) = await SignInAsync(person);
        var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal), $"got {response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task SyncPage_SignedInAdmin_IsShown()
    {
        await _factory.SeedDemoAsync();
        var (client, _) = await SignInAsync("erik.johansson");
        var response = await client.GetAsync("/admin/sync", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GitHub sync is not configured", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_SignedInBrowserCookie_MayReadButNotWrite()
    {
        var (client, _) = await SignInAsync("local-admin");

        var read = await client.GetAsync("/api/v1/services", Ct);
        var write = await client.PostAsync("/api/v1/catalog/import", new StringContent("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: x\nspec:\n  type: team\n  children: []\n"), Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "local-admin" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
