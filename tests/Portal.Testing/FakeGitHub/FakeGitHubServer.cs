using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// A local GitHub for tests: an in-process Kestrel server on 127.0.0.1 (a free port) that answers GitHub's REST
/// shapes from a <see cref="FakeGitHubState"/>, at <c>/api/v3/...</c> (where Octokit looks on any host but
/// github.com) and at <c>/...</c>, plus GraphQL at <c>/graphql</c> and <c>/api/graphql</c>.
/// </summary>
/// <remarks>
/// <para>Per request, in order: an injected timeout waits; the token (or app JWT) is checked (401); an exhausted
/// core rate limit answers 403; an injected 5xx or secondary rate limit answers; then the route.</para>
/// <para>Every 200 to a GET has <c>ETag: W/"…"</c> (sha256 of the body); <c>If-None-Match</c> with it answers 304
/// without a body, not counted and free. Every other answer is counted and takes one from the core limit, except
/// <c>/rate_limit</c> (free, as on GitHub) and GraphQL and app-JWT calls (counted, but not from the REST limit).</para>
/// </remarks>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeGitHubApi _api;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _requestsGate = new();
    private readonly List<FakeRequest> _requests = [];
    private int _counted;
    private int _notModified;
    private int _graphQlUsed;
    private long _requestNumber;

    private FakeGitHubServer(FakeGitHubState state, WebApplication app)
    {
        State = state;
        _app = app;
        _api = new FakeGitHubApi(state);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: what Portal's <c>GitHub:ApiUrl</c> gets.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The REST base Octokit uses for this host: <see cref="BaseUrl"/> + <c>api/v3/</c>.</summary>
    public Uri ApiV3Url => new(BaseUrl, "api/v3/");

    /// <summary>GitHub Enterprise's GraphQL endpoint on this host: <see cref="BaseUrl"/> + <c>api/graphql</c>.</summary>
    public Uri GraphQlUrl => new(BaseUrl, "api/graphql");

    public FakeGitHubState State { get; }

    public FakeGitHubFaults Faults { get; } = new();

    /// <summary>Every request answered so far (a snapshot copy), oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_requestsGate) { return [.. _requests]; } }
    }

    /// <summary>Answers that count against the rate limit: every answer except a 304 (and free <c>/rate_limit</c> and web pages).</summary>
    public int CountedRequests
    {
        get { lock (_requestsGate) { return _counted; } }
    }

    public int NotModifiedResponses
    {
        get { lock (_requestsGate) { return _notModified; } }
    }

    /// <summary>Starts a server for <paramref name="state"/> on a free loopback port.</summary>
    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubState state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);

        // The empty builder reads no configuration, environment or appsettings and logs nothing: a test's
        // ASPNETCORE_* variables cannot move the fake.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeGitHubServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        var server = new FakeGitHubServer(state, app);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Forgets the recorded requests and resets both counters (the rate limit is the state's).</summary>
    public void ClearRequests()
    {
        lock (_requestsGate)
        {
            _requests.Clear();
            _counted = 0;
            _notModified = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var at = State.Clock.GetUtcNow();
        var (path, prefixed) = Normalise(request.Path.Value);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        var kind = FakeGitHubApi.Classify(request.Method, path);
        var root = $"{request.Scheme}://{request.Host.Value}/";
        var urls = new FakeUrls(root, prefixed ? root + "api/v3/" : root);

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        byte[] body;
        try
        {
            if (kind != RouteKind.Web && Faults.Take(FakeGitHubFaults.FaultKind.Timeout, path) is { } slow)
            {
                await Task.Delay(slow.Delay, aborted.Token).ConfigureAwait(false);
            }

            if (kind != RouteKind.Web && Faults.Take(FakeGitHubFaults.FaultKind.Hold, path) is { Gate: { } gate })
            {
                await gate.HoldAsync(aborted.Token).ConfigureAwait(false);
            }

            body = await ReadBodyAsync(request, aborted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Record(new FakeRequest(request.Method, path, query, 499, false, at) { ApiV3Prefix = prefixed });
            return;
        }

        var apiRequest = new FakeApiRequest(request.Method, path, query, ParseQuery(query), urls, request.Headers.Accept.ToString(), body);
        var (response, etag, rate, resource) = Answer(apiRequest, kind, request.Headers.Authorization.ToString(), request.Headers.IfNoneMatch.ToString());
        var counted = response.Status != 304 && kind is not (RouteKind.RateLimit or RouteKind.Web);
        Record(new FakeRequest(request.Method, path, query, response.Status, counted, at) { ApiV3Prefix = prefixed });

        try
        {
            await WriteAsync(context, response, etag, kind == RouteKind.Web ? null : rate, resource, aborted.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away while the answer was written.
        }
    }

    /// <summary>Authentication, limits, faults, the route and the ETag: everything under the state's lock.</summary>
    private (FakeResponse Response, string? ETag, RateLimitSnapshot Rate, string Resource) Answer(
        FakeApiRequest request,
        RouteKind kind,
        string authorization,
        string ifNoneMatch)
    {
        lock (State.Gate)
        {
            var response = kind switch
            {
                RouteKind.Web => null,
                RouteKind.App => CheckJwt(authorization),
                _ => CheckToken(authorization),
            };

            if (response is null && kind == RouteKind.Rest && State.RateLimit.IsExhausted())
            {
                response = FakeResponse.Error(403, "API rate limit exceeded for installation ID 0 or user. If you reach out to GitHub Support for help, please include the request ID.", Docs.RateLimit);
            }

            if (response is null && kind != RouteKind.Web)
            {
                response = InjectedFault(request.Path);
            }

            if (response is null && kind == RouteKind.RateLimit)
            {
                var core = State.RateLimit.Consume(take: false);
                var graphQlUsed = Volatile.Read(ref _graphQlUsed);
                response = FakeResponse.Json(GitHubJson.RateLimit(core, new RateLimitSnapshot(5000, Math.Max(0, 5000 - graphQlUsed), graphQlUsed, core.ResetAt)));
            }

            response ??= _api.Handle(request, kind);

            string? etag = null;
            if (response.Status == 200 && response.Conditional && request.Method == "GET")
            {
                etag = ETag(response.Body);
                if (Matches(ifNoneMatch, etag))
                {
                    response = new FakeResponse { Status = 304, ContentType = null };
                }
            }

            var counted = response.Status != 304 && kind is not (RouteKind.RateLimit or RouteKind.Web);
            if (kind == RouteKind.GraphQl)
            {
                var used = counted ? Interlocked.Increment(ref _graphQlUsed) : Volatile.Read(ref _graphQlUsed);
                var reset = State.RateLimit.Consume(take: false).ResetAt;
                return (response, etag, new RateLimitSnapshot(5000, Math.Max(0, 5000 - used), used, reset), "graphql");
            }

            var rate = State.RateLimit.Consume(take: counted && kind == RouteKind.Rest);
            return (response, etag, rate, "core");
        }
    }
}
