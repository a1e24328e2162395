using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Catalog;

public abstract class ServicesApiTests(TestProvider provider) : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(provider);
        await _factory.SeedDemoAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetServices_WithoutToken_Returns401()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/v1/services", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetServices_WithUnknownToken_Returns401()
    {
        var response = await _factory.CreateClient("ptl_made-up").GetAsync("/api/v1/services", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetServices_WithViewerToken_ReturnsFirstPageAndTotal()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?page=1&pageSize=10", Ct);
        Assert.Equal(10, body.GetProperty("items").GetArrayLength());
        Assert.Equal(40, body.GetProperty("total").GetInt32());
        Assert.Equal("production", body.GetProperty("items")[0].GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task GetServices_WithQuery_FiltersInTheDatabase()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/services?q=ledger&pageSize=50", Ct);
        var names = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains("ledger", names);
        Assert.Equal(names.Count, body.GetProperty("total").GetInt32());
        Assert.True(names.Count < 40);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("tier=9", "tier")]
    [InlineData("lifecycle=retired", "lifecycle")]
    public async Task GetServices_InvalidParameter_Returns400NamingIt(string query, string field)
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var response = await client.GetAsync("/api/v1/services?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task GetService_ByName_ReturnsOwnerAndDependencies()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments", Ct);
        Assert.Equal("payments-core", body.GetProperty("owner").GetProperty("name").GetString());
        Assert.True(body.GetProperty("dependents").GetArrayLength() >= 5);
    }

    [Fact]
    public async Task GetService_ByName_SaysWhoIsOnCallNow()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments", Ct);
        var levels = body.GetProperty("onCall").GetProperty("levels");
        Assert.Equal(2, levels.GetArrayLength());
        Assert.Equal("primary", levels[0].GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Object, levels[0].GetProperty("now").ValueKind);
    }

    [Fact]
    public async Task GetTeamOnCall_AtAnInstant_AnswersForThatInstant()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams/payments-core/on-call", Ct);
        var inAWeek = await client.GetFromJsonAsync<JsonElement>(
            "/api/v1/teams/payments-core/on-call?at=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(7).ToString("O")), Ct);
        string Primary(JsonElement e) => e.GetProperty("levels")[0].GetProperty("now").GetProperty("name").GetString()!;
        Assert.NotEqual(Primary(now), Primary(inAWeek));
    }

    [Fact]
    public async Task GetTeamOnCall_PagerDutySubdomainConfigured_LinkUsesIt()
    {
        await using var configured = _factory.WithWebHostBuilder(b => b.UseSetting("OnCall:PagerDutySubdomain", "quill"));
        var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams/payments-core/on-call", Ct);

        Assert.Equal("https://quill.pagerduty.com/schedules/PQ7Z1LD", body.GetProperty("levels")[0].GetProperty("externalScheduleUrl").GetString());
    }

    [Fact]
    public async Task GetTeamOnCall_BadInstant_Returns400NamingAt()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var response = await client.GetAsync("/api/v1/teams/payments-core/on-call?at=tomorrow-ish", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"at\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTeamOnCall_UnknownTeam_Returns404()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/teams/nobody/on-call", Ct)).StatusCode);
    }

    [Fact]
    public async Task GetPerson_ReturnsTeamsAndOnCallDuty()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/people/diego.alvarez", Ct);
        Assert.Equal(2, body.GetProperty("person").GetProperty("teams").GetArrayLength());
        Assert.True(body.GetProperty("onCall").GetArrayLength() >= 1);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/people/nobody", Ct)).StatusCode);
    }

    [Fact]
    public async Task GetService_Unknown_Returns404()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/services/no-such-service", Ct)).StatusCode);
    }

    [Fact]
    public async Task GetTeams_ListsTeamsAndOneTeamWithMembers()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams", Ct);
        Assert.True(list.GetProperty("total").GetInt32() >= 7);
        var team = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams/payments-core", Ct);
        Assert.True(team.GetProperty("members").GetArrayLength() > 0);
        Assert.True(team.GetProperty("services").GetArrayLength() > 0);
    }

    [Fact]
    public async Task PutService_WithViewerToken_Returns403AndAuditsTheAttempt()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer, "reader"));
        var response = await client.PutAsJsonAsync("/api/v1/services/payments", Update(tier: 3, version: 0), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = _factory.Database.CreateContext();
        Assert.Equal(1, (await db.Services.SingleAsync(s => s.Name == "payments", Ct)).Tier);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Actor.StartsWith("token:reader#") && a.Action == "service.update.denied" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task PutService_WithAdminToken_UpdatesAndDetectsStaleVersion()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "admin"));
        var current = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments", Ct);
        var version = current.GetProperty("version").GetInt32();

        var ok = await client.PutAsJsonAsync("/api/v1/services/payments", Update(tier: 2, version: version), Ct);
        var stale = await client.PutAsJsonAsync("/api/v1/services/payments", Update(tier: 3, version: version), Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments", Ct);
        Assert.Equal(2, after.GetProperty("tier").GetInt32());
    }

    [Fact]
    public async Task PutService_InvalidTier_Returns400NamingTier()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "admin"));
        var response = await client.PutAsJsonAsync("/api/v1/services/payments", Update(tier: 5, version: 0), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tier", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static object Update(int tier, int version) => new
    {
        title = "Payments",
        description = "Moves money",
        kind = "service",
        tier,
        lifecycle = "production",
        owner = "payments-core",
        tags = new[] { "pci" },
        version,
    };
}

public sealed class SqliteServicesApiTests() : ServicesApiTests(TestProvider.Sqlite);

public sealed class PostgresServicesApiTests() : ServicesApiTests(TestProvider.Postgres);
