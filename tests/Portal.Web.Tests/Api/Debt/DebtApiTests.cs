using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Debt;

public abstract class DebtApiTests(TestProvider provider) : IAsyncLifetime
{
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

    private static object Item(string title = "Ledger writes lack idempotency keys", string service = "ledger", double effortDays = 4) => new
    {
        title,
        services = new[] { service },
        signal = "cascading-failures",
        kind = "code",
        quadrant = "deliberate-prudent",
        likelihood = 4,
        impact = 4,
        effortDays,
        businessOutcome = "Payments are recorded once",
    };

    private async Task<JsonElement> CreateAsync(object body)
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/debt", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task List_WithoutToken_Returns401()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/debt", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_AsAdmin_AnswersTheItemWithCostOfDelayPriorityAndFactors()
    {
        var item = await CreateAsync(Item());

        var summary = item.GetProperty("summary");
        Assert.True(summary.GetProperty("costOfDelay").GetDouble() > 0);
        Assert.Equal(summary.GetProperty("costOfDelay").GetDouble() / 4, summary.GetProperty("priority").GetDouble(), 6);
        var factors = item.GetProperty("score").GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToList();
        Assert.Equal(["interest", "probability", "impactHours", "tierWeight", "blastFactor", "urgency", "effort"], factors);
        Assert.Equal("cascading-failures", summary.GetProperty("signal").GetString());
        Assert.Equal("ledger-recon", summary.GetProperty("owner").GetProperty("ref").GetString());
    }

    [Fact]
    public async Task List_SortedByPriorityAndFiltered_PagesInTheDatabase()
    {
        await CreateAsync(Item("Big", effortDays: 1));
        await CreateAsync(Item("Small", effortDays: 50));
        await CreateAsync(Item("Elsewhere", service: "pay-portal"));

        var page = await _viewer.GetFromJsonAsync<JsonElement>("/api/v1/debt?service=ledger&sort=priority&page=1&pageSize=1", Ct);

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal("Big", first.GetProperty("title").GetString());
        Assert.True(first.GetProperty("score").GetProperty("factors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Create_BadBody_NamesEveryBadField()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/debt", new { title = "", signal = "vibes", likelihood = 9, effortDays = 0 }, Ct);

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "title", "services", "signal", "kind", "quadrant", "likelihood", "impact", "effortDays" }, fields);
        Assert.Contains("vibes", errors.GetProperty("signal")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Duplicate_Answers409WithTheSimilarItemUnlessAllowed()
    {
        var first = await CreateAsync(Item());

        var problem = await ProblemAsync(await _admin.PostAsJsonAsync("/api/v1/debt", Item(), Ct), HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("summary").GetProperty("id").GetString(), problem.GetProperty("duplicates")[0].GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/debt?allowDuplicate=true", Item(), Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_AsViewer_Returns403() =>
        await ProblemAsync(await _viewer.PostAsJsonAsync("/api/v1/debt", Item(), Ct), HttpStatusCode.Forbidden);

    [Fact]
    public async Task Patch_WithTheVersionRead_ChangesOnlyTheFieldsSent()
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();

        var response = await _admin.PatchAsJsonAsync($"/api/v1/debt/{id}", new { version = 0, status = "planned", targetQuarter = "2027-Q1" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("summary");
        Assert.Equal(("planned", "2027-Q1", 1, 4), (summary.GetProperty("status").GetString(), summary.GetProperty("targetQuarter").GetString(),
            summary.GetProperty("version").GetInt32(), summary.GetProperty("likelihood").GetInt32()));
    }

    [Fact]
    public async Task Patch_StaleVersion_Returns409()
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();
        await _admin.PatchAsJsonAsync($"/api/v1/debt/{id}", new { version = 0, likelihood = 5 }, Ct);

        await ProblemAsync(await _admin.PatchAsJsonAsync($"/api/v1/debt/{id}", new { version = 0, likelihood = 1 }, Ct), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{\"version\":0,\"colour\":\"red\"}", "colour")]
    [InlineData("{\"likelihood\":2}", "version")]
    [InlineData("{\"version\":0,\"effortDays\":\"lots\"}", "effortDays")]
    [InlineData("{\"version\":0,\"status\":\"planned\"}", "targetQuarter")]
    public async Task Patch_BadBody_NamesTheField(string body, string field)
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var errors = (await ProblemAsync(await _admin.PatchAsync($"/api/v1/debt/{id}", content, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
    }

    [Fact]
    public async Task Patch_SeveralBadFields_NamesEveryOne()
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();
        using var content = new StringContent("{\"version\":0,\"likelihood\":\"high\",\"kind\":\"vibes\",\"colour\":\"red\",\"links\":[{\"kind\":\"other\",\"url\":\"/\\\\evil.example\"}]}", System.Text.Encoding.UTF8, "application/json");

        var errors = (await ProblemAsync(await _admin.PatchAsync($"/api/v1/debt/{id}", content, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Equal(["colour", "kind", "likelihood", "links"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_PageFarPastTheEnd_AnswersAnEmptyPageWithTheTotal()
    {
        await CreateAsync(Item());

        var page = await _viewer.GetFromJsonAsync<JsonElement>("/api/v1/debt?page=2147483647&pageSize=200", Ct);

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task RemoveReport_AsAdmin_KeepsItListedAndStopsItCounting()
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();
        var added = await (await _viewer.PostAsJsonAsync($"/api/v1/debt/{id}/reports", new { hours = 9, note = "Lost a morning" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reportId = added.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.PostAsJsonAsync($"/api/v1/debt/{id}/reports/{reportId}/removal", new { reason = "no" }, Ct)).StatusCode);
        var response = await _admin.PostAsJsonAsync($"/api/v1/debt/{id}/reports/{reportId}/removal", new { reason = "The morning was lost to the VPN, not this" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var item = await _viewer.GetFromJsonAsync<JsonElement>($"/api/v1/debt/{id}", Ct);
        Assert.Equal(0, item.GetProperty("summary").GetProperty("interestHoursPerMonth").GetDouble(), 6);
        Assert.Equal("The morning was lost to the VPN, not this", item.GetProperty("reports")[0].GetProperty("removalReason").GetString());
    }

    [Fact]
    public async Task AddReport_AsViewer_RaisesTheInterest()
    {
        var id = (await CreateAsync(Item())).GetProperty("summary").GetProperty("id").GetString();

        var response = await _viewer.PostAsJsonAsync($"/api/v1/debt/{id}/reports", new { hours = 9, note = "Lost a morning to a double-posted journal", incident = "INC-77" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await _viewer.GetFromJsonAsync<JsonElement>($"/api/v1/debt/{id}", Ct);
        Assert.Equal(3, item.GetProperty("summary").GetProperty("interestHoursPerMonth").GetDouble(), 6);
        Assert.Equal("INC-77", item.GetProperty("reports")[0].GetProperty("incident").GetString());
        var history = await _viewer.GetFromJsonAsync<JsonElement>($"/api/v1/debt/{id}/history", Ct);
        Assert.Equal("debt.report", history[0].GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("/api/v1/debt?signal=vibes", "signal")]
    [InlineData("/api/v1/debt?status=sleeping", "status")]
    [InlineData("/api/v1/debt?sort=loudness", "sort")]
    [InlineData("/api/v1/debt?pageSize=500", "pageSize")]
    public async Task List_BadParameter_NamesIt(string url, string field)
    {
        var errors = (await ProblemAsync(await _viewer.GetAsync(url, Ct), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Get_UnknownItem_Returns404() =>
        await ProblemAsync(await _viewer.GetAsync($"/api/v1/debt/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
}

public sealed class SqliteDebtApiTests() : DebtApiTests(TestProvider.Sqlite);

public sealed class PostgresDebtApiTests() : DebtApiTests(TestProvider.Postgres);
