using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Catalog;

public sealed class CatalogFilesApiTests : IAsyncLifetime
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
    public async Task Import_AsAdmin_ImportsAndReportsPerKind()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var response = await client.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, body.GetProperty("kinds").GetProperty("Component").GetProperty("created").GetInt32());
        var service = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/storefront", Ct);
        Assert.Equal("team-a", service.GetProperty("owner").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Import_AsEditor_IsForbidden()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor));
        var response = await client.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Import_OnlyInvalidEntities_Returns422WithFileDocumentAndReason()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var response = await client.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities.Replace("name: storefront", "name: store front", StringComparison.Ordinal).Split("---")[1]), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems")[0];
        Assert.Equal("catalog-info.yaml", problem.GetProperty("file").GetString());
        Assert.Equal(1, problem.GetProperty("documentIndex").GetInt32());
        Assert.Contains("store front", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NestedAndAliasBombUploads_Returns422NamingEachLimit()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HostileYaml.Nested()), "files", "deep.yaml" },
            { new StringContent(HostileYaml.AliasBomb()), "files", "bomb.yaml" },
        };

        var response = await client.PostAsync("/api/v1/catalog/import", form, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray()
            .ToDictionary(p => p.GetProperty("file").GetString()!, p => p.GetProperty("reason").GetString()!);
        Assert.Contains("nested more than 64 levels deep", problems["deep.yaml"], StringComparison.Ordinal);
        Assert.Contains("once its aliases are expanded", problems["bomb.yaml"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services", Ct)).StatusCode);
    }

    [Fact]
    public async Task Import_EmptyBody_Returns400()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var response = await client.PostAsync("/api/v1/catalog/import", Yaml(""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_TwoBodiesWithDifferentFileNames_NeitherOrphansTheOther()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var parts = TwoEntities.Split("---");
        (await client.PostAsync("/api/v1/catalog/import?file=team.yaml", Yaml(parts[0]), Ct)).EnsureSuccessStatusCode();

        (await client.PostAsync("/api/v1/catalog/import?file=storefront.yaml", Yaml(parts[1]), Ct)).EnsureSuccessStatusCode();

        var team = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog/records/group/team-a", Ct);
        Assert.Equal(("api/token:test/team.yaml#1", false), (team.GetProperty("location").GetString(), team.GetProperty("isOrphaned").GetBoolean()));
    }

    [Theory]
    [InlineData("..\\bob\\x.yaml")]
    [InlineData("a#b.yaml")]
    [InlineData(".hidden.yaml")]
    public async Task Import_BodyWithAFileNameThatIsNotPlain_Returns400NamingTheFile(string name)
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var response = await client.PostAsync($"/api/v1/catalog/import?file={Uri.EscapeDataString(name)}", Yaml(TwoEntities), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(name.Replace("\\", "\\\\", StringComparison.Ordinal), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MultipartWithTheSameFileNameTwice_Returns400AndImportsNothing()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TwoEntities.Split("---")[0]), "files", "catalog.yaml" },
            { new StringContent(TwoEntities.Split("---")[1]), "files", "catalog.yaml" },
        };

        var response = await client.PostAsync("/api/v1/catalog/import", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("catalog.yaml", problem, StringComparison.Ordinal);
        Assert.Contains("was sent twice", problem, StringComparison.Ordinal);
        var teams = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams", Ct);
        Assert.Equal(0, teams.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_MultipartUploadOfRealExamples_ImportsThem()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        using var form = new MultipartFormDataContent();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestData.BackstageExamples, "acme")))
        {
            form.Add(new StringContent(await File.ReadAllTextAsync(file, Ct)), "files", Path.GetFileName(file));
        }

        var response = await client.PostAsync("/api/v1/catalog/import", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var teams = await client.GetFromJsonAsync<JsonElement>("/api/v1/teams?pageSize=50", Ct);
        Assert.True(teams.GetProperty("total").GetInt32() >= 5);
    }

    [Fact]
    public async Task Export_AfterImport_IsBackstageYamlThatImportsUnchanged()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        await admin.PostAsync("/api/v1/catalog/import", Yaml(TwoEntities), Ct);

        var exported = await admin.GetStringAsync("/api/v1/catalog/export", Ct);
        Assert.Contains("kind: Component", exported, StringComparison.Ordinal);

        var again = await admin.PostAsync("/api/v1/catalog/import", Yaml(exported), Ct);
        var kinds = (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("kinds");
        Assert.Equal(1, kinds.GetProperty("Component").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, kinds.GetProperty("Component").GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task Export_AsZip_HasOneFilePerKindAndALocation()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var bytes = await client.GetByteArrayAsync("/api/v1/catalog/export?format=zip", Ct);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Contains(zip.Entries, e => e.FullName == "all.yaml");
        Assert.Contains(zip.Entries, e => e.FullName == "components.yaml");
    }
}
