using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Initiatives;

/// <summary>/api/v1/initiatives on the demo company, with its closed review of the previous quarter and its action items.</summary>
public sealed class InitiativesApiTests : IAsyncLifetime
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

    private static object Body(string title = "Every payments service at Silver on cascading failures", string signal = "cascading-failures", Guid? fromActionItem = null) => new
    {
        title,
        signal,
        targetLevel = "silver",
        teams = new[] { "payments-core" },
        ownerTeam = "payments-core",
        dueOn = "2027-06-30",
        fromActionItem,
    };

    private async Task<(HttpClient Client, string Location)> CreateAsync(object? body = null)
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var created = await client.PostAsJsonAsync("/api/v1/initiatives", body ?? Body(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, created.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Create_Admin_201WithLocationAndTheInitiativeReadsBack()
    {
        var (client, location) = await CreateAsync();

        Assert.StartsWith("/api/v1/initiatives/", location, StringComparison.Ordinal);
        var view = await client.GetFromJsonAsync<JsonElement>(location, Ct);
        var summary = view.GetProperty("summary");
        Assert.Equal(("cascading-failures", "silver", "active"), (summary.GetProperty("signal").GetString(), summary.GetProperty("targetLevel").GetString(), summary.GetProperty("status").GetString()));
        Assert.True(summary.GetProperty("total").GetInt32() > 0);
        Assert.Equal(summary.GetProperty("total").GetInt32() - summary.GetProperty("met").GetInt32(), view.GetProperty("servicesShort").GetArrayLength());
        Assert.True(view.GetProperty("burnUp").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Create_FromActionItem_LinksTheItem()
    {
        // The demo grew one item into an initiative already; take one that has not.
        var item = (await _factory.Services.GetRequiredService<ReviewQueries>().GetAsync(_previous, ct: Ct))!.ActionItems.First(a => a.InitiativeId is null);

        await CreateAsync(Body(fromActionItem: item.Id));

        var after = (await _factory.Services.GetRequiredService<ReviewQueries>().GetAsync(_previous, ct: Ct))!.ActionItems.First(a => a.Id == item.Id);
        Assert.NotNull(after.InitiativeId);
    }

    [Fact]
    public async Task Create_BadSignal_400NamingTheField()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var response = await client.PostAsJsonAsync("/api/v1/initiatives", Body(signal: "speed"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("signal", out _));
    }

    [Fact]
    public async Task Create_ViewerOrNoToken_403And401()
    {
        var viewer = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/initiatives", Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/initiatives", Ct)).StatusCode);
    }

    [Fact]
    public async Task Update_WithoutIfMatch428_StaleVersion409_CurrentVersionSaved()
    {
        var (client, location) = await CreateAsync();
        var etag = (await client.GetAsync(location, Ct)).Headers.ETag!.Tag;

        var missing = await client.PutAsJsonAsync(location, Body("Renamed"), Ct);
        using var current = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(Body("Renamed")) };
        current.Headers.TryAddWithoutValidation("If-Match", etag);
        var saved = await client.SendAsync(current, Ct);
        using var stale = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(Body("Renamed again")) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var conflict = await client.SendAsync(stale, Ct);

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var view = await client.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("Renamed", view.GetProperty("summary").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_WithoutTeams_400NamingTeamsAndTheScopeUnchanged()
    {
        var (client, location) = await CreateAsync();
        var etag = (await client.GetAsync(location, Ct)).Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Put, location)
        {
            Content = JsonContent.Create(new { title = "Renamed", signal = "cascading-failures", targetLevel = "silver", ownerTeam = "payments-core", dueOn = "2027-06-30" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("teams", out _));
        var view = await client.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal(["payments-core"], view.GetProperty("scopeTeamRefs").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task SetStatus_Completed_ListFiltersAndPages()
    {
        var (client, location) = await CreateAsync();
        await CreateAsync(Body("Second"));
        // The demo company has one initiative of its own, grown from last quarter's review.
        var all = (await client.GetFromJsonAsync<JsonElement>("/api/v1/initiatives", Ct)).GetProperty("total").GetInt32();
        var etag = (await client.GetAsync(location, Ct)).Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Post, location + "/status") { Content = JsonContent.Create(new { status = "completed" }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Ct)).StatusCode);

        var completed = await client.GetFromJsonAsync<JsonElement>("/api/v1/initiatives?status=completed", Ct);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/initiatives?pageSize=1&page=2", Ct);
        Assert.Equal(1, completed.GetProperty("total").GetInt32());
        Assert.Equal(3, all);
        Assert.Equal((all, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("items").GetArrayLength()));
        var bad = await client.GetAsync("/api/v1/initiatives?pageSize=1000", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task List_SignalFilter_OnlyThatSignalAndAnUnknownOneNamed()
    {
        var (client, _) = await CreateAsync(Body("Data model target", signal: "data-model"));

        var dataModel = await client.GetFromJsonAsync<JsonElement>("/api/v1/initiatives?signal=data-model", Ct);
        var bad = await client.GetAsync("/api/v1/initiatives?signal=speed", Ct);

        Assert.Equal("Data model target", Assert.Single(dataModel.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("signal", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
