using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Catalog;

public sealed class CatalogRecordsApiTests : IAsyncLifetime
{
    private const string TwoEntities = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: team-a
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: storefront
          description: Sells things
        spec:
          type: website
          lifecycle: production
          owner: team-a
        """;

    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    [Fact]
    public async Task HandOver_AsAdminToPeople_RecordBelongsToPortalAndTheNextImportConflicts()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "test"));
        (await admin.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct)).EnsureSuccessStatusCode();
        var origin = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/records/service/storefront", Ct);
        Assert.Equal("Component", origin.GetProperty("kind").GetString());
        Assert.Equal("api/token:test/catalog-info.yaml#2", origin.GetProperty("location").GetString());

        var response = await admin.PostAsJsonAsync(
            "/api/v1/catalog/records/component/storefront/handover", new { to = "manual", version = origin.GetProperty("version").GetInt32() }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("manual", after.GetProperty("source").GetString());
        Assert.Equal("people editing it in Portal", after.GetProperty("owner").GetString());
        var again = await admin.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities.Replace("Sells things", "Changed", StringComparison.Ordinal)), Ct);
        var problems = (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("reason").GetString()).ToList();
        Assert.Contains(problems, p => p!.Contains("belongs to people editing it in Portal", StringComparison.Ordinal));
        var service = await admin.GetFromJsonAsync<JsonElement>("/api/v1/services/storefront", Ct);
        Assert.Equal("Sells things", service.GetProperty("description").GetString());
    }

    [Fact]
    public async Task HandOver_AsEditor_Forbidden()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        (await admin.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct)).EnsureSuccessStatusCode();
        var editor = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor));

        var response = await editor.PostAsJsonAsync("/api/v1/catalog/records/service/storefront/handover", new { to = "manual", version = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task HandOver_BadTargetStaleVersionOrUnknownRecord_ProblemNamingIt()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        (await admin.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct)).EnsureSuccessStatusCode();
        var version = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/records/group/team-a", Ct)).GetProperty("version").GetInt32();

        var badTo = await admin.PostAsJsonAsync("/api/v1/catalog/records/group/team-a/handover", new { to = "somewhere", version }, Ct);
        var noLocation = await admin.PostAsJsonAsync("/api/v1/catalog/records/group/team-a/handover", new { to = "github", version }, Ct);
        var stale = await admin.PostAsJsonAsync("/api/v1/catalog/records/group/team-a/handover", new { to = "manual", version = version + 5 }, Ct);
        var unknown = await admin.GetAsync("/api/v1/catalog/records/service/nope", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badTo.StatusCode);
        Assert.Contains("'somewhere' is not one of manual, import or github", await badTo.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
        Assert.Contains("location", await noLocation.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
