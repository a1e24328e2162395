using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

public abstract class HostingTests(TestProvider provider) : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Anonymous => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Healthz_Anonymous_SaysOnlyTheStatusOfEachCheck()
    {
        var response = await Anonymous.GetAsync("/healthz", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["job-storage"].GetProperty("status").GetString());
        Assert.All(checks.Values, c => Assert.Equal(["name", "status"], c.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task HealthzDetails_AdminToken_SaysWhatEachCheckFound()
    {
        var response = await _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin)).GetAsync("/healthz/details", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var database = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Contains("schema is up to date", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(PortalRole.Editor, HttpStatusCode.Forbidden)]
    [InlineData(PortalRole.Viewer, HttpStatusCode.Forbidden)]
    public async Task HealthzDetails_AnonymousOrNotAdmin_IsRefusedWithAStatusNotARedirect(PortalRole? role, HttpStatusCode expected)
    {
        var client = role is { } r ? _factory.CreateClient(await _factory.CreateTokenAsync(r)) : Anonymous;

        var response = await client.GetAsync("/healthz/details", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("schema is up to date", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthzDetails_UnknownToken_Answers401NotARedirect()
    {
        var client = _factory.CreateClient("ptl_not-a-real-token");

        var response = await client.GetAsync("/healthz/details", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Healthz_FailingCheck_Answers503AndKeepsItsErrorForAdmins()
    {
        var factory = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddHealthChecks()
            .AddCheck("vault", () => HealthCheckResult.Unhealthy("Vault at 10.1.2.3 refused us", new InvalidOperationException("Password=hunter2 rejected")))));

        var anonymous = await factory.CreateClient().GetAsync("/healthz", Ct);
        var anonymousText = await anonymous.Content.ReadAsStringAsync(Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/details");
        var (_, token) = await factory.Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(new Actor("test", "Test", PortalRole.Admin, new HashSet<Guid>()), "admin", PortalRole.Admin, Ct);
        request.Headers.Authorization = new("Bearer", token);
        var details = await factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);
        Assert.Contains("\"Unhealthy\"", anonymousText, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", anonymousText, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.2.3", anonymousText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, details.StatusCode);
        var vault = JsonDocument.Parse(await details.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "vault");
        Assert.Equal("Password=hunter2 rejected", vault.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheServicesRoute()
    {
        var response = await Anonymous.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/services", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_IsServed()
    {
        var response = await _factory.CreateClient().GetAsync("/api/reference", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task JobsDashboard_Anonymous_IsSentToSignIn()
    {
        var response = await Anonymous.GetAsync("/jobs", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_Anonymous_AreSentToSignIn()
    {
        var response = await Anonymous.GetAsync("/catalog", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_EchoesTheCallersCorrelationId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Correlation-Id", "abc-123");
        var response = await Anonymous.SendAsync(request, Ct);
        Assert.Equal("abc-123", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task SignInPage_EmptyCatalog_OffersTheLocalAdministrator()
    {
        var html = await Anonymous.GetStringAsync("/signin", Ct);
        Assert.Contains("Continue as local administrator", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteHostingTests() : HostingTests(TestProvider.Sqlite);

public sealed class PostgresHostingTests() : HostingTests(TestProvider.Postgres);
