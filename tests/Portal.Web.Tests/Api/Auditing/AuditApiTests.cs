using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Auth;

namespace Portal.Web.Tests.Api.Auditing;

/// <summary><c>/api/v1/audit.csv</c> and the audit entries written for refusals by authorization and by token authentication.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;
    private HttpClient _admin = null!;
    private HttpClient _viewer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        _admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "auditor"));
        _viewer = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer, "reader"));
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<List<AuditEntry>> EntriesAsync(string action)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task ExportCsv_AsAdmin_IsTheFilteredLogWithAHeaderRow()
    {
        await _viewer.GetAsync("/api/v1/audit.csv", Ct);

        var response = await _admin.GetAsync("/api/v1/audit.csv?action=authorization.&refused=true", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,actor,action,succeeded,entity_type,entity_key,before,after,correlation_id", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains(",authorization.refused,no,endpoint,GET /api/v1/audit.csv,", row, StringComparison.Ordinal);
        Assert.Contains("token:reader#", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_TimeThatIsNotOne_400NamingTheField()
    {
        var response = await _admin.GetAsync("/api/v1/audit.csv?from=last-tuesday", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"from\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewerTokenOnAnAdminEndpoint_RefusedAndAudited()
    {
        var response = await _viewer.PostAsync("/api/v1/catalog/import", new StringContent("kind: Component", System.Text.Encoding.UTF8, "application/yaml"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditedAuthorizationResults.ForbiddenAction));
        Assert.Equal(("endpoint", "POST /api/v1/catalog/import", false), (entry.EntityType, entry.EntityKey, entry.Succeeded));
        Assert.StartsWith("token:reader#", entry.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBearerToken_RefusedAndAuditedWithWhy()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ptl_not-a-token");

        var response = await client.PutAsync("/api/v1/services/payments", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditedAuthorizationResults.TokenRefusedAction));
        Assert.Equal(("anonymous", "PUT /api/v1/services/{name}", false), (entry.Actor, entry.EntityKey, entry.Succeeded));
    }

    [Fact]
    public async Task SignedInViewerRepeatingRefusedRequests_EachRefusedButAuditedOncePerEndpointAMinute()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.GetAsync("/healthz/details", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.GetAsync("/api/v1/audit.csv", Ct)).StatusCode);
        }

        var entries = await EntriesAsync(AuditedAuthorizationResults.ForbiddenAction);
        Assert.Equal(["GET /api/v1/audit.csv", "GET /healthz/details"], entries.Select(e => e.EntityKey).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Contains("\"clientAddress\":", e.After, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyMadeUpBearerTokensFromOneAddress_EachRefusedButAuditedOnceAMinute()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"ptl_guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request, Ct)).StatusCode);
        }

        Assert.Single(await EntriesAsync(AuditedAuthorizationResults.TokenRefusedAction));
    }

    [Fact]
    public async Task NoCredentialsAtAll_NotAudited()
    {
        var response = await _factory.CreateClient().PutAsync("/api/v1/services/payments", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await EntriesAsync(AuditedAuthorizationResults.TokenRefusedAction));
        Assert.Empty(await EntriesAsync(AuditedAuthorizationResults.ForbiddenAction));
    }
}
