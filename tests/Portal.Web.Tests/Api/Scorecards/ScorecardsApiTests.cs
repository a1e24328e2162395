using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;
using Portal.Domain.Scorecards.Commands;

namespace Portal.Web.Tests.Api.Scorecards;

public sealed class ScorecardsApiTests : IAsyncLifetime
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
    public async Task GetScorecard_Payments_HasSevenSignalsWithStatusesAndEvidence()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);

        Assert.Equal("payments", body.GetProperty("service").GetString());
        var signals = body.GetProperty("signals").EnumerateArray().ToList();
        Assert.Equal(7, signals.Count);
        var criteria = signals.SelectMany(s => s.GetProperty("criteria").EnumerateArray()).ToList();
        var foreign = Assert.Single(criteria, c => c.GetProperty("criterion").GetString() == "no-foreign-writers");
        Assert.Equal("fail", foreign.GetProperty("status").GetString());
        Assert.Contains("reconciliation", foreign.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.True(foreign.TryGetProperty("dataAsOf", out _));
        Assert.True(foreign.TryGetProperty("flagged", out _));
        Assert.All(criteria, c => Assert.Contains(c.GetProperty("status").GetString(), new[] { "pass", "fail", "unknown", "exempt" }));
        var step = body.GetProperty("nextSteps").EnumerateArray().First();
        Assert.True(step.GetProperty("priority").GetDouble() > 0);
        Assert.NotEqual(0, step.GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task ListScorecards_FilterByTeamAndLevel_PagesInTheDatabase()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards?team=payments-core&signal=team-topology&level=silver&pageSize=2", Ct);

        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
        Assert.True(body.GetProperty("total").GetInt32() > 2);
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal("silver", i.GetProperty("levels").GetProperty("team-topology").GetString()));
    }

    [Fact]
    public async Task ListScorecards_UnknownSignal_NamesTheField()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync("/api/v1/scorecards?signal=speed", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signal", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListScorecards_SignalWithoutLevel_NamesLevel()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync("/api/v1/scorecards?signal=team-topology", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("level", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAnswer_AdminToken_SavesAndEvaluates()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var response = await client.PutAsJsonAsync("/api/v1/scorecards/payments/answers/contention-measured", new { maturity = 4, note = "Measured and alerted." }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);
        var result = card.GetProperty("signals").EnumerateArray().SelectMany(s => s.GetProperty("criteria").EnumerateArray()).Single(c => c.GetProperty("criterion").GetString() == "contention-measured");
        Assert.Equal("pass", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PutAnswer_ViewerToken_Forbidden()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.PutAsJsonAsync("/api/v1/scorecards/payments/answers/contention-measured", new { maturity = 4, note = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostExemption_ThenAnotherAdminApproves_MakesTheCriterionExempt()
    {
        // Two tokens made by two admins: two people.
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "requester", createdBy: "root.one"));
        var approver = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "approver", createdBy: "root.two"));
        var created = await client.PostAsJsonAsync("/api/v1/scorecards/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var approved = await approver.PostAsJsonAsync($"/api/v1/scorecards/exemptions/{exemption.GetProperty("id").GetGuid()}/approve", new { version = exemption.GetProperty("version").GetInt32() }, Ct);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);
        var result = card.GetProperty("signals").EnumerateArray().SelectMany(s => s.GetProperty("criteria").EnumerateArray()).Single(c => c.GetProperty("criterion").GetString() == "no-foreign-writers");
        Assert.Equal("exempt", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostExemption_NamespacedRoute_Created()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "requester"));

        var created = await client.PostAsJsonAsync("/api/v1/scorecards/default/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("payments", exemption.GetProperty("service").GetString());
        Assert.Equal("no-foreign-writers", exemption.GetProperty("criterion").GetString());
    }

    [Fact]
    public async Task PutAnswer_ContradictedByTheCatalog_ReplyAndScorecardCarryTheFlag()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        // Other teams' services write payments-db: "others get its data through contracts" is contradicted.
        var response = await client.PutAsJsonAsync("/api/v1/scorecards/payments/answers/data-shared-by-contract", new { maturity = 4, note = "Every consumer is on the API." }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(reply.GetProperty("flagged").GetBoolean());
        Assert.Contains("Answered 4, but", reply.GetProperty("flagReason").GetString(), StringComparison.Ordinal);
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);
        var answer = card.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("criterion").GetString() == "data-shared-by-contract");
        Assert.True(answer.GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task PostExemption_SameAdminApproves_Forbidden()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "requester"));
        var created = await client.PostAsJsonAsync("/api/v1/scorecards/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);
        var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var approved = await client.PostAsJsonAsync($"/api/v1/scorecards/exemptions/{exemption.GetProperty("id").GetGuid()}/approve", new { version = exemption.GetProperty("version").GetInt32() }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Contains("another admin", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostExemption_ApprovedThroughAnotherTokenOfTheSameCreator_ForbiddenAndStillWaiting()
    {
        var requester = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "token-a", createdBy: "root.one"));
        var sameAdmin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "token-b", createdBy: "root.one"));
        var created = await requester.PostAsJsonAsync("/api/v1/scorecards/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);
        var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var approved = await sameAdmin.PostAsJsonAsync($"/api/v1/scorecards/exemptions/{exemption.GetProperty("id").GetGuid()}/approve", new { version = exemption.GetProperty("version").GetInt32() }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Contains("another admin", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var pending = await _factory.Services.GetRequiredService<ScorecardQueries>().PendingExemptionsAsync(Ct);
        Assert.Contains(pending, e => e.Id == exemption.GetProperty("id").GetGuid());
        Assert.False(exemption.TryGetProperty("requestedByAlso", out _));
    }

    [Fact]
    public async Task PostExemption_ThroughAToken_ItsCreatorMayNotApproveInPerson()
    {
        var token = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "token-a", createdBy: "root.one"));
        var created = await token.PostAsJsonAsync("/api/v1/scorecards/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);
        var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var commands = _factory.Services.GetRequiredService<ScorecardCommands>();
        var id = exemption.GetProperty("id").GetGuid();
        var version = exemption.GetProperty("version").GetInt32();

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            commands.DecideExemptionAsync(new Actor("root.one", "Root One", PortalRole.Admin, new HashSet<Guid>()), id, true, null, version, Ct));

        var approved = await commands.DecideExemptionAsync(new Actor("root.two", "Root Two", PortalRole.Admin, new HashSet<Guid>()), id, true, null, version, Ct);
        Assert.True(approved.Active);
    }

    [Fact]
    public async Task RequestedAsTheUnlinkedAccount_ApprovedThroughATokenMadeOnceLinked_Forbidden()
    {
        // The token keeps every name of its creator (the person and the sign-in account): each reaches the API's actor.
        var commands = _factory.Services.GetRequiredService<ScorecardCommands>();
        var request = await commands.RequestExemptionAsync(new Actor("oidc:sub-9", "New hire", PortalRole.Admin, new HashSet<Guid>()), "payments", "no-foreign-writers", "Moving to an API in Q1.", null, Ct);
        var linked = new Actor("root.nine", "Root Nine", PortalRole.Admin, new HashSet<Guid>()) { OtherNames = new HashSet<string> { "oidc:sub-9" } };
        var (_, secret) = await _factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(linked, "nine-ci", PortalRole.Admin, Ct);

        var approved = await _factory.CreateClient(secret).PostAsJsonAsync($"/api/v1/scorecards/exemptions/{request.Id}/approve", new { version = request.Version }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Contains("another admin", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestedByAnAdmin_ApprovedThroughATokenThatAdminCreated_Forbidden()
    {
        // PortalWebFactory's tokens are created by the admin "test"; that admin asks in person, then tries through a token.
        var today = DateOnly.FromDateTime(_factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var request = await _factory.Services.GetRequiredService<ScorecardCommands>().RequestExemptionAsync(
            new Actor("test", "Test", PortalRole.Admin, new HashSet<Guid>()), "payments", "no-foreign-writers", "Moving to an API in Q1.", today.AddDays(30), Ct);
        var token = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "made-by-test"));

        var approved = await token.PostAsJsonAsync($"/api/v1/scorecards/exemptions/{request.Id}/approve", new { version = request.Version }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
    }

    [Fact]
    public async Task PutAnswer_ExistingAnswerWithoutVersion_428AndUnchanged()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        // The demo already has payments' answer to idempotent-writes (3).
        var response = await client.PutAsJsonAsync("/api/v1/scorecards/payments/answers/idempotent-writes", new { maturity = 0, note = "Overwrite." }, Ct);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Contains("version", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);
        var answer = card.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("criterion").GetString() == "idempotent-writes");
        Assert.Equal(3, answer.GetProperty("maturity").GetInt32());
    }

    [Fact]
    public async Task PutAnswer_ExistingAnswerWithItsVersion_Updates()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct);
        var version = card.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("criterion").GetString() == "idempotent-writes").GetProperty("version").GetInt32();

        var response = await client.PutAsJsonAsync("/api/v1/scorecards/payments/answers/idempotent-writes", new { maturity = 4, note = "Refunds take a key too now.", version }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>GET /api/v1/framework: the YAML and its ETag.</summary>
    private static async Task<(string Yaml, string ETag)> GetFrameworkAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/framework", Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(Ct), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> PutFrameworkAsync(HttpClient client, string yaml, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/framework") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Framework_GetThenPutBack_CreatesVersionTwo()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var (yaml, etag) = await GetFrameworkAsync(client);

        var response = await PutFrameworkAsync(client, yaml, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("version 2", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Framework_PutWithoutIfMatch_428AndNothingSaved()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var (yaml, etag) = await GetFrameworkAsync(client);

        var response = await PutFrameworkAsync(client, yaml, null);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Contains("If-Match", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(etag, (await GetFrameworkAsync(client)).ETag);
    }

    [Fact]
    public async Task Framework_PutWithStaleIfMatch_409ButStarReplaces()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var (yaml, etag) = await GetFrameworkAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await PutFrameworkAsync(client, yaml, etag)).StatusCode);

        var stale = await PutFrameworkAsync(client, yaml, etag);
        var star = await PutFrameworkAsync(client, yaml, "*");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, star.StatusCode);
        Assert.Equal("\"3\"", star.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Framework_PutByEditor_403WithoutReadingTheDocument()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor));

        // Not even a valid document: the refusal comes first.
        var response = await PutFrameworkAsync(client, "not: [valid", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Framework_PutInvalid_422NamingLineAndField()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        var (current, etag) = await GetFrameworkAsync(client);
        var yaml = current.Replace("level: bronze", "level: platinum");

        var response = await PutFrameworkAsync(client, yaml, etag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("criteria[0].level", body, StringComparison.Ordinal);
        Assert.Contains("line ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushResults_NonExternalCriterion_Refused()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor));

        var response = await client.PostAsJsonAsync("/api/v1/scorecards/results", new { results = new[] { new { service = "payments", criterion = "sync-timeouts", status = "pass", evidence = "ci" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Adds an external criterion to the framework through the API, as an admin would.</summary>
    private async Task AddExternalCriterionAsync(HttpClient admin)
    {
        var (yaml, etag) = await GetFrameworkAsync(admin);
        const string external = "criteria:\n  - key: dependency-scan-clean\n    signal: compounding-shortcuts\n    level: gold\n    mode: external\n"
            + "    title: The dependency scan is clean\n    why: Vulnerable libraries are shortcuts taken for us.\n    good: No high finding.\n    fix: Upgrade what is flagged.\n    effortDays: 2\n";
        var index = yaml.IndexOf("criteria:\n", StringComparison.Ordinal);
        var saved = await PutFrameworkAsync(admin, yaml[..index] + external + yaml[(index + "criteria:\n".Length)..], etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static JsonElement Criterion(JsonElement card, string key) =>
        card.GetProperty("signals").EnumerateArray().SelectMany(s => s.GetProperty("criteria").EnumerateArray()).Single(c => c.GetProperty("criterion").GetString() == key);

    [Fact]
    public async Task PushResults_AdminToken_ExternalCriterionCounts()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        await AddExternalCriterionAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/scorecards/results", new { results = new[] { new { service = "payments", criterion = "dependency-scan-clean", status = "fail", evidence = "scan 42: 2 critical" } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Criterion(await admin.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct), "dependency-scan-clean");
        Assert.Equal("fail", result.GetProperty("status").GetString());
        Assert.Contains("2 critical", result.GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushResults_EditorToken_Forbidden()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        await AddExternalCriterionAsync(admin);
        var editor = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor, "ci"));

        var response = await editor.PostAsJsonAsync("/api/v1/scorecards/results", new { results = new[] { new { service = "payments", criterion = "dependency-scan-clean", status = "pass", evidence = "clean" } } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unknown", Criterion(await admin.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/payments", Ct), "dependency-scan-clean").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rollup_CountsEveryService()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/scorecards/rollup", Ct);

        Assert.Equal(40, body.GetProperty("organisation").GetProperty("services").GetInt32());
        Assert.True(body.GetProperty("teams").GetArrayLength() >= 7);
    }
}
