using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Debt;

public abstract class DebtCsvApiTests(TestProvider provider) : IAsyncLifetime
{
    private const string Header = "Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days)\r\n";

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

    [Fact]
    public async Task Export_WithFilters_IsACsvDownloadOfEveryMatchingItemInTheRegistersOrder()
    {
        foreach (var title in new[] { "Zeta export item", "Alpha export item" })
        {
            var created = await _admin.PostAsJsonAsync("/api/v1/debt", new
            {
                title,
                services = new[] { "payments" },
                signal = "cascading-failures",
                kind = "code",
                quadrant = "deliberate-prudent",
                likelihood = 3,
                impact = 3,
                effortDays = 2,
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var response = await _viewer.GetAsync("/api/v1/debt.csv?team=payments-core&status=all&sort=title&desc=false", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("tech-debt-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("Id,Title,Status,Signal,", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);

        var page = await _viewer.GetFromJsonAsync<JsonElement>("/api/v1/debt?team=payments-core&status=all&sort=title&desc=false&pageSize=200", Ct);
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count >= 2);
        var exported = csv.Split("\r\n").Skip(1).Where(l => l.Length > 36 && Guid.TryParse(l[..36], out _)).Select(l => l[..36]).ToList();
        Assert.Equal(ids, exported);
    }

    [Fact]
    public async Task Export_BadFilter_Returns400NamingIt()
    {
        var response = await _viewer.GetAsync("/api/v1/debt.csv?status=sideways", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Import_BadLine_Returns422WithLineAndColumnAndWritesNothing()
    {
        var before = (await _admin.GetFromJsonAsync<JsonElement>("/api/v1/debt?status=all&pageSize=1", Ct)).GetProperty("total").GetInt32();
        var csv = Header
            + "CSV import one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n"
            + "CSV import two,cascading-failures,code,deliberate-prudent,payments,3,four,2\r\n";

        var response = await _admin.PostAsync("/api/v1/debt/import?file=q1.csv", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "Impact (1-5)"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.Equal("q1.csv", body.GetProperty("file").GetString());
        Assert.Equal(before, (await _admin.GetFromJsonAsync<JsonElement>("/api/v1/debt?status=all&pageSize=1", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_BadLineWithValidRows_200WritesTheGoodLineAndNamesTheSkippedOne()
    {
        var csv = Header
            + "CSV valid rows one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n"
            + "CSV valid rows two,cascading-failures,code,deliberate-prudent,payments,3,four,2\r\n";

        var response = await _admin.PostAsync("/api/v1/debt/import?file=q1.csv&validRows=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.GetProperty("written").GetBoolean());
        Assert.Equal("CSV valid rows one", Assert.Single(body.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal([3], body.GetProperty("skippedLines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Equal(3, Assert.Single(body.GetProperty("problems").EnumerateArray()).GetProperty("line").GetInt32());
        var found = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/debt?q=CSV%20valid%20rows&status=all", Ct);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_MultipartFile_PreviewsThenCreates()
    {
        var csv = Header + "CSV import one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n";
        MultipartFormDataContent Form() => new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "mine.csv" } };

        var preview = await _admin.PostAsync("/api/v1/debt/import?preview=true", Form(), Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.False((await preview.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("written").GetBoolean());

        var import = await _admin.PostAsync("/api/v1/debt/import", Form(), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var body = await import.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.GetProperty("written").GetBoolean());
        var id = body.GetProperty("items")[0].GetProperty("id").GetString();
        var item = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/debt/{id}", Ct);
        Assert.Equal("import", item.GetProperty("summary").GetProperty("source").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Import_AsViewer_Returns403()
    {
        var response = await _viewer.PostAsync("/api/v1/debt/import", new StringContent(Header, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class SqliteDebtCsvApiTests() : DebtCsvApiTests(TestProvider.Sqlite);

public sealed class PostgresDebtCsvApiTests() : DebtCsvApiTests(TestProvider.Postgres);
