using System.Net;
using Octokit;
using Octokit.Internal;
using Portal.Testing.FakeGitHub;
using ProductHeaderValue = Octokit.ProductHeaderValue;

namespace Portal.Ingest.Tests.FakeGitHub;

/// <summary>ETags, rate limits, authentication and injected faults.</summary>
public sealed partial class FakeGitHubServerTests
{
    [Fact]
    public async Task IfNoneMatch_CurrentETag_Answers304NotCountedUntilTheDataChanges()
    {
        var state = Acme();
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);

        using var first = await http.GetAsync("repos/acme/payments", Ct);
        var firstBody = await first.Content.ReadAsByteArrayAsync(Ct);
        using var again = await http.GetAsync("repos/acme/payments", Ct);
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "repos/acme/payments") { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await http.SendAsync(conditional, Ct);
        var remainingAfter304 = state.RateLimit.Remaining;
        state.Org(Org).Repo("payments").Description = "Takes more money";
        using var changedRequest = new HttpRequestMessage(HttpMethod.Get, "repos/acme/payments") { Headers = { IfNoneMatch = { etag } } };
        using var changed = await http.SendAsync(changedRequest, Ct);

        Assert.True(etag.IsWeak);
        Assert.Matches("^W/\"[0-9a-f]{32}\"$", etag.ToString());
        Assert.Equal(firstBody, await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("4998", Assert.Single(notModified.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.Equal(4998, remainingAfter304);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal((3, 1), (server.CountedRequests, server.NotModifiedResponses));
        Assert.Equal([true, true, false, true], server.Requests.Select(r => r.Counted));
    }

    [Fact]
    public async Task OctokitResponseCache_SecondGet_ServedBy304()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        var connection = new Connection(new ProductHeaderValue("portal-tests"), server.BaseUrl, new InMemoryCredentialStore(new Credentials(Token)))
        {
            ResponseCache = new MemoryResponseCache(),
        };
        var client = new GitHubClient(connection);

        var first = await client.Repository.Get(Org, "payments");
        var second = await client.Repository.Get(Org, "payments");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal([200, 304], server.Requests.Select(r => r.Status));
        Assert.Equal((1, 1), (server.CountedRequests, server.NotModifiedResponses));
    }

    [Fact]
    public async Task EveryAnswer_CarriesRateLimitHeaders_AndRateLimitEndpointIsFree()
    {
        var state = Acme();
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        using var http = Http(server);

        using var missing = await http.GetAsync("repos/acme/nothing", Ct);
        var limits = await Client(server).RateLimit.GetRateLimits();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\"}", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["5000", "4999", "1", "core"], new[] { "Limit", "Remaining", "Used", "Resource" }.Select(h => missing.Headers.GetValues($"X-RateLimit-{h}").Single()));
        Assert.Equal(state.RateLimit.ResetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), missing.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal((5000, 4999), (limits.Resources.Core.Limit, limits.Resources.Core.Remaining));
        Assert.Equal(1, server.CountedRequests);
        Assert.Equal(4999, state.RateLimit.Remaining);
    }

    [Fact]
    public async Task BadOrMissingToken_Answers401_OctokitAuthorizationException()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        using var anonymous = Http(server, token: null);

        var error = await Assert.ThrowsAsync<AuthorizationException>(() => Client(server, "wrong").Repository.Get(Org, "payments"));
        using var missing = await anonymous.GetAsync("repos/acme/payments", Ct);

        Assert.Equal("Bad credentials", error.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(2, server.CountedRequests);
    }

    [Fact]
    public async Task RateLimitExhausted_Answers403UntilReset_ThenRefills()
    {
        var state = Acme();
        state.RateLimit.Remaining = 0;
        state.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddMinutes(30);
        await using var server = await FakeGitHubServer.StartAsync(state, Ct);
        var client = Client(server);

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.Repository.Get(Org, "payments"));
        state.RateLimit.ResetAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        var repo = await client.Repository.Get(Org, "payments");

        Assert.Equal((5000, 0), (error.Limit, error.Remaining));
        Assert.Equal("payments", repo.Name);
        Assert.Equal(4999, state.RateLimit.Remaining);
        Assert.True(state.RateLimit.ResetAt > DateTimeOffset.UtcNow.AddMinutes(59));
    }

    [Fact]
    public async Task SecondaryRateLimit_Answers403WithRetryAfter_ThenRecovers()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.SecondaryRateLimit("^/repos/acme/payments$", count: 2, retryAfterSeconds: 42);
        using var http = Http(server);

        using var limited = await http.GetAsync("api/v3/repos/acme/payments", Ct);
        await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() => Client(server).Repository.Get(Org, "payments"));
        using var recovered = await http.GetAsync("repos/acme/payments", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), limited.Headers.RetryAfter!.Delta);
        Assert.Contains("secondary rate limit", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task ServerErrors_NextMatchingRequestsOnly_AnswerTheConfiguredStatus()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.ServerErrors("/contents/", count: 2, status: 503);
        var client = Client(server);

        var first = await Assert.ThrowsAsync<ApiException>(() => client.Repository.Content.GetAllContents(Org, "payments", "README.md"));
        var other = await client.Repository.Get(Org, "payments");
        var second = await Assert.ThrowsAsync<ApiException>(() => client.Repository.Content.GetAllContents(Org, "payments", "README.md"));
        var third = await client.Repository.Content.GetAllContents(Org, "payments", "README.md");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first.StatusCode, second.StatusCode));
        Assert.Equal("payments", other.Name);
        Assert.Single(third);
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal([503, 200, 503, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Timeouts_DelayTheAnswer_AndAClientThatGivesUpIsRecordedAs499()
    {
        await using var server = await FakeGitHubServer.StartAsync(Acme(), Ct);
        server.Faults.Timeouts("^/orgs/acme$", count: 1, delay: TimeSpan.FromMilliseconds(300));
        server.Faults.Timeouts("^/repos/", count: 1, delay: TimeSpan.FromSeconds(30));
        using var http = Http(server);
        using var impatient = Http(server);
        impatient.Timeout = TimeSpan.FromMilliseconds(200);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var slow = await http.GetAsync("orgs/acme", Ct);
        var elapsed = watch.Elapsed;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.GetAsync("repos/acme/payments", Ct));

        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {elapsed}");
        var abandoned = await EventuallyAsync(() => server.Requests.FirstOrDefault(r => r.Status == 499));
        Assert.Equal(("/repos/acme/payments", false), (abandoned.Path, abandoned.Counted));
    }
}
