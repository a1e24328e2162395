using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Reviews;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Reviews;

/// <summary>/api/v1/reviews on the demo company, with its closed review of the previous quarter.</summary>
public sealed class ReviewsApiTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;
    private string _previous = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        await _factory.SeedDemoAsync();
        _previous = (await _factory.Services.GetRequiredService<DemoReviewSeeder>().SeedAsync(Ct))!;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Current => Domain.Debt.Quarter.Parse(_previous).Next.ToString();

    [Fact]
    public async Task List_Demo_HasTheClosedPreviousQuarter()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/reviews", Ct);

        var review = Assert.Single(body.EnumerateArray());
        Assert.Equal(_previous, review.GetProperty("quarter").GetString());
        Assert.Equal("closed", review.GetProperty("status").GetString());
        Assert.Equal(3, review.GetProperty("actionItems").GetInt32());
    }

    [Fact]
    public async Task CreateAndClose_Admin_ClosesInTheBackgroundAndFreezes()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var created = await client.PostAsJsonAsync("/api/v1/reviews", new { quarter = Current.ToLowerInvariant() }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/reviews/{Current}", created.Headers.Location?.ToString());
        var open = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reviews/{Current}", Ct);
        Assert.True(open.GetProperty("live").GetBoolean());
        Assert.Equal(_previous, open.GetProperty("review").GetProperty("previousQuarter").GetString());

        var close = await client.PostAsync($"/api/v1/reviews/{Current}/close", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        var closed = await WaitForStatusAsync(client, Current, "closed");
        Assert.False(closed.GetProperty("live").GetBoolean());
        Assert.True(closed.GetProperty("content").GetProperty("organisation").GetProperty("services").GetInt32() > 30);
        Assert.Equal(3, closed.GetProperty("content").GetProperty("previousActionItems").GetArrayLength());
    }

    [Fact]
    public async Task Create_Viewer_Forbidden()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.PostAsJsonAsync("/api/v1/reviews", new { quarter = Current }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Create_BadQuarter_NamesTheField()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var response = await client.PostAsJsonAsync("/api/v1/reviews", new { quarter = "2026-Q5" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quarter", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Unknown_NotFound()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync("/api/v1/reviews/1999-Q1", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReportMarkdown_ClosedReview_HasSectionsAndActionItems()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync($"/api/v1/reviews/{_previous}/report.md", Ct);

        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var md = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith($"# Scaling readiness {_previous}", md, StringComparison.Ordinal);
        Assert.Contains("## Levels per signal", md, StringComparison.Ordinal);
        Assert.Contains("## Top risks from the debt register", md, StringComparison.Ordinal);
        Assert.Contains("reserves **20% of next quarter's capacity**", md, StringComparison.Ordinal);
        Assert.Contains("| Add timeouts and a fallback to every outbound call from checkout | Payments Core |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_PreviousWithNow_ShowsTheDemoFollowUp()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reviews/compare?from={_previous}&to=now", Ct);

        Assert.Equal(_previous, body.GetProperty("from").GetString());
        Assert.Equal(7, body.GetProperty("signals").GetArrayLength());
        Assert.True(body.GetProperty("totals").GetProperty("closedGaps").GetInt32() > 0);
        var outcomes = body.GetProperty("actionItems").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(3, outcomes.Count);
        Assert.Contains(outcomes, o => o is "done" or "done-late");
    }

    [Fact]
    public async Task Compare_WithoutFrom_NamesTheParameter()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync("/api/v1/reviews/compare", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>Waits for the background close (Hangfire runs it in the app) to reach a status; gives up after a minute.</summary>
    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string quarter, string status)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reviews/{quarter}", Ct);
            if (body.GetProperty("review").GetProperty("status").GetString() == status || DateTime.UtcNow > until)
            {
                Assert.Equal(status, body.GetProperty("review").GetProperty("status").GetString());
                return body;
            }

            await Task.Delay(250, Ct);
        }
    }
}
