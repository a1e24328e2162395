using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// Rate limits (429 with <c>Retry-After</c>), body limits (413 before the body is buffered, chunked included) and the
/// caps on blast radius and export, each with limits small enough to reach in a few requests. The windows are an hour
/// long, so no test depends on a window running out.
/// </summary>
public sealed class LimitsTests : IAsyncDisposable
{
    private const string AddressHeader = TestRemoteAddress.Header;

    private PortalWebFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The app with the given settings; a request's <see cref="AddressHeader"/> stands for its client address (the test server has none).</summary>
    private async Task<PortalWebFactory> AppAsync(params (string Key, string Value)[] settings)
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TestRemoteAddress()));
        });
        return _factory;
    }

    private static (string, string)[] Rule(string name, int permits) => [($"Limits:{name}:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"Limits:{name}:WindowSeconds", "3600")];

    private HttpClient ClientFrom(string address, string? token = null)
    {
        var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task Api_TokenOverItsLimit_Answers429WithRetryAfterAndProblem()
    {
        var app = await AppAsync(Rule("ApiPerToken", 2));
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/teams", Ct)).StatusCode);
        var refused = await client.GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("2 requests in 3600 s for this API token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task Api_AnotherToken_HasItsOwnAllowance()
    {
        var app = await AppAsync(Rule("ApiPerToken", 1));
        var first = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer, "first"));
        var second = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer, "second"));

        await first.GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/v1/services", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/services", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_AddressOverItsLimit_IsRefusedWhateverTheToken()
    {
        var app = await AppAsync(Rule("ApiPerAddress", 2));
        string[] tokens = [await app.CreateTokenAsync(PortalRole.Viewer, "a"), await app.CreateTokenAsync(PortalRole.Viewer, "b"), await app.CreateTokenAsync(PortalRole.Viewer, "c")];

        var answers = new List<HttpStatusCode>();
        foreach (var token in tokens)
        {
            answers.Add((await ClientFrom("203.0.113.7", token).GetAsync("/api/v1/services", Ct)).StatusCode);
        }

        var elsewhere = await ClientFrom("198.51.100.9", tokens[2]).GetAsync("/api/v1/services", Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverItsLimit_Answers429ButPagesAndHealthAreNotCounted()
    {
        await AppAsync(Rule("SignIn", 2));
        var client = ClientFrom("203.0.113.8");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Webhook_OverItsLimit_Answers429()
    {
        await AppAsync(Rule("Webhook", 1));
        var client = ClientFrom("192.0.2.10");

        await client.PostAsync("/webhooks/github", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        var refused = await client.PostAsync("/webhooks/github", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_BodyOverTheLimit_Answers413NamingItAndImportsNothing(bool chunked)
    {
        var app = await AppAsync(("Limits:ImportMaxBytes", "2048"));
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Admin));
        var yaml = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-{i}\nspec:\n  type: team\n")));
        Assert.True(yaml.Length > 2048);

        var response = await client.PostAsync("/api/v1/catalog/import", Body(yaml, "application/yaml", chunked), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("larger than 2 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Limits:ImportMaxBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/teams", Ct)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DebtImport_BodyOverTheLimit_Answers413NamingItBeforeReadingIt(bool chunked)
    {
        var app = await AppAsync(("Limits:DebtImportMaxBytes", "2048"));
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Admin));
        var csv = Encoding.UTF8.GetBytes("Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days)\n"
            + string.Concat(Enumerable.Range(0, 60).Select(i => $"Item {i},cascading-failures,code,deliberate-prudent,payments,3,4,2\n")));
        Assert.True(csv.Length > 2048);

        var response = await client.PostAsync("/api/v1/debt/import", Body(csv, "text/csv", chunked), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Limits:DebtImportMaxBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BodyWithinTheLimit_IsImported()
    {
        var app = await AppAsync(("Limits:ImportMaxBytes", "2048"));
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Admin));
        var yaml = Encoding.UTF8.GetBytes("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n");

        var response = await client.PostAsync("/api/v1/catalog/import", Body(yaml, "application/yaml", chunked: true), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Webhook_BodyOverTheLimit_Answers413NamingIt(bool chunked)
    {
        await AppAsync(("Limits:WebhookMaxBytes", "1024"), ("GitHub:WebhookSecret", "s3cret"));
        var client = ClientFrom("192.0.2.11");
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"" + new string('x', 3000) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = Body(body, "application/json", chunked) };
        request.Headers.Add("X-GitHub-Event", "ping");
        request.Headers.Add("X-GitHub-Delivery", "d-large");
        request.Headers.Add("X-Hub-Signature-256", Portal.Testing.FakeGitHub.FakeWebhookDelivery.Signature("s3cret", body));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Limits:WebhookMaxBytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlastRadius_LimitOverTheCap_Answers400NamingTheCap()
    {
        var app = await AppAsync(("Limits:BlastRadiusMaxLimit", "50"));
        await app.SeedDemoAsync();
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer));

        var refused = await client.GetAsync("/api/v1/services/payments/blast-radius?limit=51", Ct);
        var allowed = await client.GetAsync("/api/v1/services/payments/blast-radius?limit=50", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var reason = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("limit")[0].GetString();
        Assert.Contains("between 1 and 50", reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Export_CatalogOverTheCap_Answers422NamingTheSetting()
    {
        var app = await AppAsync(("Limits:ExportMaxEntities", "10"));
        await app.SeedDemoAsync();
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer));

        var response = await client.GetAsync("/api/v1/catalog/export", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Limits:ExportMaxEntities", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MoreAtOnceThanTheGateAndItsQueue_Answers429WithRetryAfter()
    {
        var app = await AppAsync(("Limits:ExportConcurrency", "1"));
        var client = app.CreateClient(await app.CreateTokenAsync(PortalRole.Viewer));
        var gate = app.Services.GetRequiredService<Portal.Web.Hosting.ConcurrencyGates>().For("Limits:ExportConcurrency", 1);
        var running = gate.AttemptAcquire();
        var waiting = gate.AcquireAsync(1, Ct).AsTask();

        var refused = await client.GetAsync("/api/v1/catalog/export", Ct);
        running.Dispose();
        (await waiting).Dispose();
        var later = await client.GetAsync("/api/v1/catalog/export", Ct);

        Assert.True(running.IsAcquired);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("Limits:ExportConcurrency", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Theory]
    [InlineData("Limits:ApiPerToken:PermitLimit", "0")]
    [InlineData("Limits:SignIn:WindowSeconds", "0")]
    [InlineData("Limits:ImportMaxBytes", "10")]
    [InlineData("Limits:WebhookMaxBytes", "26214401")]
    [InlineData("Limits:WebhookConcurrency", "0")]
    public async Task Startup_LimitOutOfRange_FailsNamingTheSetting(string key, string value)
    {
        var app = await AppAsync((key, value));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(key.Split(':')[^1], error.ToString(), StringComparison.Ordinal);
    }

    private static HttpContent Body(byte[] bytes, string mediaType, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new(mediaType);
        return content;
    }

    /// <summary>A body whose length the client cannot know, so it is sent without <c>Content-Length</c>, as chunked bodies are.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
