using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Debt;

public abstract class CapacityApiTests(TestProvider provider) : IAsyncLifetime
{
    // Far enough ahead that the demo's own debt is not planned for it.
    private const string Quarter = "2031-Q1";

    private PortalWebFactory _factory = null!;
    private HttpClient _admin = null!;
    private HttpClient _viewer = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(provider);
        await _factory.SeedDemoAsync();
        _admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "admin"));
        _viewer = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer, "viewer"));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> PutAsync(HttpClient client, object body) =>
        client.PutAsJsonAsync($"/api/v1/teams/payments-core/capacity?quarter={Quarter}", body, Ct);

    [Fact]
    public async Task Get_NeverSet_AnswersTheDefaultShareAndNotSet()
    {
        var plan = await _viewer.GetFromJsonAsync<JsonElement>($"/api/v1/teams/payments-core/capacity?quarter={Quarter}", Ct);

        Assert.Equal(("payments-core", Quarter, 20d, "not-set"), (
            plan.GetProperty("team").GetString(), plan.GetProperty("quarter").GetString(), plan.GetProperty("debtSharePercent").GetDouble(),
            plan.GetProperty("numbers").GetProperty("standing").GetString()));
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("setting").ValueKind);
    }

    [Fact]
    public async Task Put_ThenPlanAnItem_GetShowsTheTeamUnderItsShare()
    {
        var saved = await PutAsync(_admin, new { people = 4, workingDays = 60, debtSharePercent = 20 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var created = await _admin.PostAsJsonAsync("/api/v1/debt", new
        {
            title = "Capacity API test: payouts cron has no lock",
            services = new[] { "payments" },
            signal = "coordination",
            kind = "code",
            quadrant = "inadvertent-prudent",
            likelihood = 3,
            impact = 3,
            effortDays = 8,
            status = "planned",
            targetQuarter = Quarter,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var numbers = (await _viewer.GetFromJsonAsync<JsonElement>($"/api/v1/teams/payments-core/capacity?quarter={Quarter}", Ct)).GetProperty("numbers");

        Assert.Equal((240d, 48d, 8d, 40d, "under"), (
            numbers.GetProperty("capacityDays").GetDouble(), numbers.GetProperty("budgetDays").GetDouble(), numbers.GetProperty("plannedDays").GetDouble(),
            numbers.GetProperty("gapDays").GetDouble(), numbers.GetProperty("standing").GetString()));
    }

    [Fact]
    public async Task Put_StaleVersion_Answers409()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(_admin, new { people = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(_admin, new { people = 5, version = 0 })).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(_admin, new { people = 6, version = 0 })).StatusCode);
    }

    [Fact]
    public async Task Put_Viewer_Answers403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(_viewer, new { people = 4 })).StatusCode);

    [Theory]
    [InlineData("quarter=2031-Q9", "quarter")]
    public async Task Get_BadQuarter_Answers400NamingIt(string query, string field)
    {
        var response = await _viewer.GetAsync($"/api/v1/teams/payments-core/capacity?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Put_ShareOutOfRange_Answers400NamingTheField()
    {
        var response = await PutAsync(_admin, new { people = 4, debtSharePercent = 120 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("debtSharePercent", out _));
    }

    [Fact]
    public async Task Get_UnknownTeam_Answers404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _viewer.GetAsync("/api/v1/teams/nobody/capacity", Ct)).StatusCode);
}

public sealed class SqliteCapacityApiTests() : CapacityApiTests(TestProvider.Sqlite);

public sealed class PostgresCapacityApiTests() : CapacityApiTests(TestProvider.Postgres);
