using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// Portal in a container (<c>DOTNET_RUNNING_IN_CONTAINER=true</c>, its port published as docker/compose.yaml does):
/// the gateway believed as a proxy only while the port is on loopback, a warning when no proxy is trusted, and Local
/// sign-in accepted per request only from loopback or the gateway, whatever the forwarded headers say.
/// </summary>
public sealed partial class ContainerEdgeTests : IAsyncDisposable
{
    private const string Gateway = "172.18.0.1";

    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _log = new();
    private PortalWebFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The app in a container whose gateway is <see cref="Gateway"/>, published on <paramref name="published"/>.</summary>
    private async Task<PortalWebFactory> ContainerAsync(string published, params (string Key, string Value)[] settings)
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b =>
        {
            b.UseSetting("DOTNET_RUNNING_IN_CONTAINER", "true");
            b.UseSetting("urls", "http://+:8080");
            b.UseSetting("Edge:PublishedAddress", published);
            b.UseSetting("Logging:LogLevel:Portal.Edge", "Information");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TestRemoteAddress()));
            b.ConfigureTestServices(s => s.AddSingleton(sp => new ContainerNetwork(sp.GetRequiredService<IConfiguration>(), () => [IPAddress.Parse(Gateway)])));
            b.ConfigureLogging(l => l.AddProvider(new QueueLoggerProvider(_log)));
        });
        return _factory;
    }

    private HttpClient Client() => _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string peer, string? forwardedFor = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(TestRemoteAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> LocalSignInAsync(HttpClient client, string peer, string? forwardedFor = null)
    {
        var page = await (await SendAsync(client, HttpMethod.Get, "/signin", peer, forwardedFor)).Content.ReadAsStringAsync(Ct);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["person"] = "local-admin",
            ["returnUrl"] = "/catalog",
        });
        return await SendAsync(client, HttpMethod.Post, "/auth/local/signin", peer, forwardedFor, form);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(Gateway)]
    public async Task LocalSignIn_ThroughTheLoopbackPublishedPort_SignsIn(string peer)
    {
        await ContainerAsync("127.0.0.1");
        var client = Client();

        var response = await LocalSignInAsync(client, peer, forwardedFor: peer == Gateway ? "198.51.100.5" : null);

        Assert.Equal("/catalog", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/catalog", peer)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    public async Task LocalSignIn_ConnectionFromAnotherAddress_IsRefusedWhateverItForwards(string? forwardedFor)
    {
        await ContainerAsync("127.0.0.1");
        var client = Client();

        var response = await LocalSignInAsync(client, "203.0.113.40", forwardedFor);

        Assert.Contains("error=network", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("portal.auth=", string.Join("\n", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []), StringComparison.Ordinal);
        Assert.Contains(_log, l => l.Level == LogLevel.Warning && l.Message.Contains("203.0.113.40", StringComparison.Ordinal));
        await using var db = _factory!.Database.CreateContext();
        var refused = Assert.Single(db.AuditEntries.Where(a => a.Action == Portal.Web.Auth.AuthEndpoints.SignInRefusedAction).ToList());
        Assert.Equal(("anonymous", "POST /auth/local/signin", false), (refused.Actor, refused.EntityKey, refused.Succeeded));
        Assert.Contains("203.0.113.40", refused.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalCookie_UsedFromAnotherAddress_IsRejected()
    {
        await ContainerAsync("127.0.0.1");
        var client = Client();
        await LocalSignInAsync(client, "127.0.0.1");

        var elsewhere = await SendAsync(client, HttpMethod.Get, "/catalog", "203.0.113.41");

        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Contains("/signin", elsewhere.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedFor_FromTheGatewayWhilePublishedOnLoopback_IsBelieved()
    {
        await ContainerAsync("127.0.0.1", ("Limits:ApiPerAddress:PermitLimit", "1"), ("Limits:ApiPerAddress:WindowSeconds", "3600"));
        var token = await _factory!.CreateTokenAsync(PortalRole.Viewer);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var first = await SendAsync(client, HttpMethod.Get, "/api/v1/services", Gateway, "198.51.100.1");
        var second = await SendAsync(client, HttpMethod.Get, "/api/v1/services", Gateway, "198.51.100.2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Contains(_log, l => l.Category == "Portal.Edge" && l.Message.Contains(Gateway, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForwardedFor_FromTheGatewayWhilePublishedOnTheNetwork_IsIgnoredAndAWarningSaysSo()
    {
        await ContainerAsync("0.0.0.0", ("Auth:AllowLocalModeOnNetwork", "true"), ("Limits:ApiPerAddress:PermitLimit", "1"), ("Limits:ApiPerAddress:WindowSeconds", "3600"));
        var token = await _factory!.CreateTokenAsync(PortalRole.Viewer);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var first = await SendAsync(client, HttpMethod.Get, "/api/v1/services", Gateway, "198.51.100.1");
        var second = await SendAsync(client, HttpMethod.Get, "/api/v1/services", Gateway, "198.51.100.2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.Contains(_log, l => l.Level == LogLevel.Warning && l.Category == "Portal.Edge" && l.Message.Contains("Edge:KnownProxies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_ContainerWithAKnownProxy_DoesNotWarn()
    {
        await ContainerAsync("0.0.0.0", ("Auth:AllowLocalModeOnNetwork", "true"), ("Edge:KnownProxies:0", "10.0.0.5"));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client(), HttpMethod.Get, "/healthz", "127.0.0.1")).StatusCode);
        Assert.DoesNotContain(_log, l => l.Level == LogLevel.Warning && l.Category == "Portal.Edge");
    }

    [Fact]
    public async Task LocalSignIn_RiskAcceptedExplicitly_IsNotCheckedPerRequest()
    {
        await ContainerAsync("0.0.0.0", ("Auth:AllowLocalModeOnNetwork", "true"));

        var response = await LocalSignInAsync(Client(), "203.0.113.42");

        Assert.Equal("/catalog", response.Headers.Location?.ToString());
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(string Category, LogLevel Level, string Message)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string Category, LogLevel Level, string Message)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
