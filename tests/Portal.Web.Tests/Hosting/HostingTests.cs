using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
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
    public async Task Healthz_Anonymous_ReportsDatabaseAndJobStorageHealthy()
    {
        var response = await Anonymous.GetAsync("/healthz", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["job-storage"].GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(checks["database"].GetProperty("description").GetString()));
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
