using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Web.Tests.Api;

/// <summary>
/// Every list of <c>/api/v1</c> pages the same way (a page past the end is empty, out-of-range or unreadable paging
/// values are a 400 naming the parameter), unknown sorts name the allowed values, and every JSON body that cannot be
/// read is a 400 problem naming the field and its line and position, never a 500.
/// </summary>
public abstract class ApiRequestProblemsTests(ApiHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every paged list of the API.</summary>
    public static TheoryData<string> Lists => ["/api/v1/services", "/api/v1/teams", "/api/v1/debt", "/api/v1/debt/candidates", "/api/v1/scorecards"];

    public static TheoryData<string, string, string> BadPaging()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var list in Lists)
        {
            foreach (var (query, field) in new[]
            {
                ("page=0", "page"), ("page=-3", "page"), ("page=abc", "page"), ("page=99999999999", "page"),
                ("pageSize=0", "pageSize"), ("pageSize=100000", "pageSize"), ("pageSize=ten", "pageSize"),
            })
            {
                data.Add(list, query, field);
            }
        }

        return data;
    }

    /// <summary>Every write that reads a JSON body (ids that do not exist: the body is read before anything is looked up).</summary>
    public static TheoryData<string, string> JsonWrites => new()
    {
        { "PUT", "/api/v1/services/ledger" },
        { "PUT", "/api/v1/services/ledger/dependencies/payments" },
        { "POST", "/api/v1/debt" },
        { "PATCH", $"/api/v1/debt/{Guid.Empty}" },
        { "POST", $"/api/v1/debt/{Guid.Empty}/reports" },
        { "POST", $"/api/v1/debt/{Guid.Empty}/reports/{Guid.Empty}/removal" },
        { "POST", $"/api/v1/debt/{Guid.Empty}/stop-following" },
        { "POST", "/api/v1/debt/candidates/dismissals" },
        { "PUT", "/api/v1/teams/payments-core/capacity" },
        { "POST", "/api/v1/reviews" },
        { "PUT", "/api/v1/scorecards/ledger/answers/runbooks" },
        { "POST", "/api/v1/scorecards/ledger/exemptions" },
        { "POST", $"/api/v1/scorecards/exemptions/{Guid.Empty}/approve" },
        { "POST", "/api/v1/scorecards/results" },
        { "POST", "/api/v1/catalog/records/component/ledger/handover" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_PageFarPastTheEnd_AnswersAnEmptyPageWithTheTotal(string list)
    {
        var first = await host.Viewer.GetFromJsonAsync<JsonElement>($"{list}?pageSize=1", Ct);

        var response = await host.Viewer.GetAsync($"{list}?page=2147483647&pageSize=200", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.Equal(first.GetProperty("total").GetInt32(), body.GetProperty("total").GetInt32());
        Assert.Equal(int.MaxValue, body.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Services_PageJustPastTheEnd_IsEmpty()
    {
        var total = (await host.Viewer.GetFromJsonAsync<JsonElement>("/api/v1/services?pageSize=10", Ct)).GetProperty("total").GetInt32();
        Assert.True(total > 0);

        var past = await host.Viewer.GetFromJsonAsync<JsonElement>($"/api/v1/services?pageSize=10&page={(total / 10) + 2}", Ct);

        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task List_PagingOutOfRangeOrUnreadable_Answers400NamingTheParameter(string list, string query, string field)
    {
        var response = await host.Viewer.GetAsync($"{list}?{query}", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var reasons), problem.ToString());
        Assert.NotEmpty(reasons.EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/services", "name, title, tier, lifecycle, kind, owner, system, updated")]
    [InlineData("/api/v1/debt", "priority, costOfDelay, effort")]
    public async Task List_UnknownSort_Answers400NamingTheAllowedValues(string list, string allowed)
    {
        var response = await host.Viewer.GetAsync($"{list}?sort=colour", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var reason = problem.GetProperty("errors").GetProperty("sort")[0].GetString();
        Assert.Contains("'colour'", reason, StringComparison.Ordinal);
        Assert.Contains(allowed, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_KnownSortInAnyCase_Sorts()
    {
        var body = await host.Viewer.GetFromJsonAsync<JsonElement>("/api/v1/services?sort=TIER&desc=true&pageSize=1", Ct);

        Assert.Equal(3, body.GetProperty("items")[0].GetProperty("tier").GetInt32());
    }

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task Write_MalformedJson_Answers400NamingLineAndPosition(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("{\n  \"title\": ,\n}", Encoding.UTF8, "application/json"),
        };

        var problem = await ProblemAsync(await host.Admin.SendAsync(request, Ct), HttpStatusCode.BadRequest);

        var reasons = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(r => r.GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains("(line 2, position", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_ValueOfTheWrongType_NamesTheFieldAndLine()
    {
        using var content = new StringContent("{\"title\": \"Ledger\",\n \"tier\": \"two\"}", Encoding.UTF8, "application/json");

        var problem = await ProblemAsync(await host.Admin.PutAsync("/api/v1/services/ledger", content, Ct), HttpStatusCode.BadRequest);

        var reason = problem.GetProperty("errors").GetProperty("tier")[0].GetString();
        Assert.Contains("line 2", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_NotJson_Answers415()
    {
        using var content = new StringContent("title=Ledger", Encoding.UTF8, "text/plain");

        var response = await host.Admin.PostAsync("/api/v1/reviews", content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }
}

public sealed class SqliteApiRequestProblemsTests(SqliteApiHost host) : ApiRequestProblemsTests(host), IClassFixture<SqliteApiHost>;

public sealed class PostgresApiRequestProblemsTests(PostgresApiHost host) : ApiRequestProblemsTests(host), IClassFixture<PostgresApiHost>;
