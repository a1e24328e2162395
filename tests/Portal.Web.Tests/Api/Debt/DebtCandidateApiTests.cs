using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Debt;

/// <summary><c>/api/v1/debt/candidates</c> over the demo company, whose graph has cycles, chains and shared databases.</summary>
public abstract class DebtCandidateApiTests(TestProvider provider) : IAsyncLifetime
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

    private async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/debt/candidates" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> FirstGraphCandidateAsync()
    {
        var list = await ListAsync(_viewer, "?pageSize=200");
        return list.GetProperty("items").EnumerateArray().First(c => c.GetProperty("origin").GetString() != "ownership" && c.GetProperty("services").GetArrayLength() > 0);
    }

    private static IEnumerable<string?> Keys(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString());

    [Fact]
    public async Task List_AsViewer_PagesCandidatesEachWithTheirKeyAndAFilledInDraft()
    {
        var list = await ListAsync(_viewer, "?kind=cycle&pageSize=2");

        Assert.True(list.GetProperty("total").GetInt32() > 0);
        Assert.InRange(list.GetProperty("items").GetArrayLength(), 1, 2);
        var first = list.GetProperty("items")[0];
        Assert.Equal("cycle", first.GetProperty("origin").GetString());
        Assert.Equal("Dependency cycle", first.GetProperty("originLabel").GetString());
        var draft = first.GetProperty("draft");
        Assert.Equal(first.GetProperty("key").GetString(), draft.GetProperty("findingKey").GetString());
        Assert.Equal("graph-finding", draft.GetProperty("links")[0].GetProperty("kind").GetString());
        Assert.True(first.GetProperty("services").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("?kind=nonsense", "kind")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task List_BadQuery_NamesTheField(string query, string field)
    {
        var response = await _viewer.GetAsync("/api/v1/debt/candidates" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Create_WithTheFindingKey_AcceptsTheCandidateOnceAndItLeavesTheList()
    {
        var candidate = await FirstGraphCandidateAsync();
        var key = candidate.GetProperty("key").GetString()!;
        var body = new
        {
            title = candidate.GetProperty("title").GetString(),
            description = candidate.GetProperty("draft").GetProperty("description").GetString(),
            services = candidate.GetProperty("services"),
            signal = candidate.GetProperty("signal").GetString(),
            kind = candidate.GetProperty("kind").GetString(),
            quadrant = "inadvertent-prudent",
            likelihood = 3,
            impact = 4,
            effortDays = 5,
            findingKey = key,
        };

        var created = await _admin.PostAsJsonAsync("/api/v1/debt", body, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(key, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findingKey").GetString());
        Assert.DoesNotContain(key, Keys(await ListAsync(_viewer, "?pageSize=200")));
        var again = await _admin.PostAsJsonAsync("/api/v1/debt", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("findingKey", out _));
    }

    [Fact]
    public async Task Dismiss_NeedsAReasonAndAnEditorThenCanBeTakenBack()
    {
        var key = (await FirstGraphCandidateAsync()).GetProperty("key").GetString()!;

        var noReason = await _admin.PostAsJsonAsync("/api/v1/debt/candidates/dismissals", new { key }, Ct);
        var asViewer = await _viewer.PostAsJsonAsync("/api/v1/debt/candidates/dismissals", new { key, reason = "not debt" }, Ct);
        var dismissed = await _admin.PostAsJsonAsync("/api/v1/debt/candidates/dismissals", new { key, reason = "a batch path nobody waits on" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.DoesNotContain(key, Keys(await ListAsync(_viewer, "?pageSize=200")));
        var dismissals = await _viewer.GetFromJsonAsync<JsonElement>("/api/v1/debt/candidates/dismissals", Ct);
        Assert.Equal("a batch path nobody waits on", dismissals.EnumerateArray().Single(d => d.GetProperty("key").GetString() == key).GetProperty("reason").GetString());

        var restored = await _admin.DeleteAsync("/api/v1/debt/candidates/dismissals?key=" + Uri.EscapeDataString(key), Ct);

        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        Assert.Contains(key, Keys(await ListAsync(_viewer, "?pageSize=200")));
    }
}

public sealed class SqliteDebtCandidateApiTests() : DebtCandidateApiTests(TestProvider.Sqlite);

public sealed class PostgresDebtCandidateApiTests() : DebtCandidateApiTests(TestProvider.Postgres);
