using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Graph;

public sealed class GraphApiTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        await _factory.SeedDemoAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlastRadius_Payments_ListsDirectAndTransitiveDependentsWithPaths()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius", Ct);

        Assert.Equal("payments", body.GetProperty("service").GetString());
        var direct = body.GetProperty("direct").EnumerateArray().Select(d => d.GetProperty("ref").GetString()).ToList();
        Assert.Contains("payment-orchestrator", direct);
        var transitive = body.GetProperty("transitive").EnumerateArray().ToList();
        var portal = Assert.Single(transitive, t => t.GetProperty("ref").GetString() == "pay-portal");
        Assert.Equal("payments", portal.GetProperty("path").EnumerateArray().Last().GetString());
        Assert.Equal(direct.Count + transitive.Count, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task BlastRadius_Limit_CutsTheTransitiveListButKeepsTheCount()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var full = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius", Ct);
        var cut = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius?limit=1", Ct);
        Assert.Equal(1, cut.GetProperty("transitive").GetArrayLength());
        Assert.True(cut.GetProperty("truncated").GetBoolean());
        Assert.False(full.GetProperty("truncated").GetBoolean());
        Assert.Equal(full.GetProperty("count").GetInt32(), cut.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task BlastRadius_OffsetAndLimit_PagesJoinToTheWholeTransitiveList()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var full = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius", Ct);
        var all = full.GetProperty("transitive").EnumerateArray().Select(t => t.GetProperty("ref").GetString()).ToList();
        Assert.True(all.Count >= 2, "payments needs at least two transitive dependents for this test");
        Assert.Equal(all.Count, full.GetProperty("transitiveCount").GetInt32());

        var paged = new List<string?>();
        for (var offset = 0; offset < all.Count; offset++)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/payments/blast-radius?offset={offset}&limit=1", Ct);
            Assert.Equal((offset, 1, true), (page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32(), page.GetProperty("truncated").GetBoolean()));
            paged.AddRange(page.GetProperty("transitive").EnumerateArray().Select(t => t.GetProperty("ref").GetString()));
        }

        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task BlastRadius_NegativeOffset_Returns400()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/services/payments/blast-radius?offset=-1", Ct)).StatusCode);
    }

    [Fact]
    public async Task BlastRadius_UnknownService_Returns404()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/services/ghost/blast-radius", Ct)).StatusCode);
    }

    [Fact]
    public async Task Analysis_Demo_HasEveryKindOfFinding()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/graph/analysis", Ct);
        foreach (var list in new[] { "cycles", "syncChains", "retryAmplification", "timeoutInversions", "sharedResources", "singlePointsOfFailure", "crossTeamCoupling" })
        {
            Assert.True(body.GetProperty(list).GetArrayLength() > 0, $"{list} is empty");
        }
    }

    [Fact]
    public async Task Graph_FocusDepthOne_ReturnsTheNeighbourhood()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/graph?focus=payments&depth=1", Ct);
        var ids = body.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Contains("payments", ids);
        Assert.Contains("payment-orchestrator", ids);
        Assert.DoesNotContain("pay-portal", ids);
        Assert.Equal(400, (int)(await client.GetAsync("/api/v1/graph?focus=payments&depth=7", Ct)).StatusCode);
    }

    [Fact]
    public async Task PutDependency_AsAdmin_ChangesTheEdgeAndTheAnalysis()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius", Ct);

        // Every direct caller of payments gets a fallback: nothing fails with it any more.
        foreach (var caller in before.GetProperty("direct").EnumerateArray().Select(d => d.GetProperty("ref").GetString()))
        {
            var put = await client.PutAsJsonAsync($"/api/v1/services/{caller}/dependencies/payments", new { kind = "sync-http", timeoutMs = 1000, retries = 1, fallback = true }, Ct);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/payments/blast-radius", Ct);
        Assert.Equal(0, after.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task PutDependency_NewEdgeAndDelete_CreatesThenRemoves()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var created = await client.PutAsJsonAsync("/api/v1/services/marketing-site/dependencies/resource:payments-db", new { kind = "shared-database", access = "read" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var deleted = await client.DeleteAsync("/api/v1/services/marketing-site/dependencies/resource:payments-db", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/services/marketing-site/dependencies/resource:payments-db", Ct)).StatusCode);
    }

    [Fact]
    public async Task PutDependency_UnknownKind_Returns400NamingKind()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var response = await client.PutAsJsonAsync("/api/v1/services/checkout/dependencies/payments", new { kind = "carrier-pigeon" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDependency_AsViewer_Returns403()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var response = await client.PutAsJsonAsync("/api/v1/services/checkout/dependencies/payments", new { kind = "sync-http" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
