using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>Security headers, forwarded headers from trusted proxies, HSTS and <c>Secure</c> cookies.</summary>
public sealed partial class EdgeTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<script type=\"importmap\" nonce=\"([^\"]+)\"")]
    private static partial Regex ImportMapNonce();

    /// <summary>The app as reached from <paramref name="remote"/> (the test server has no real connection), in an environment, with settings.</summary>
    private HttpClient ClientFrom(string remote, string environment = "Testing", params (string Key, string Value)[] settings) =>
        _factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote))));
        }).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);

        // Not localhost: HSTS is never sent to localhost.
        request.Headers.Host = "portal.example.com";
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request, Ct);
    }

    private static string SetCookies(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []);

    [Theory]
    [InlineData("/signin")]
    [InlineData("/healthz")]
    [InlineData("/api/v1/services")]
    [InlineData("/no-such-page")]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Page_ImportMapNonce_IsTheOnlyInlineScriptTheHeaderAllows()
    {
        var response = await _factory.CreateClient().GetAsync("/signin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var nonce = ImportMapNonce().Match(html).Groups[1].Value;
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.NotEmpty(nonce);
        Assert.Equal($"script-src 'self' 'nonce-{nonce}'", scripts);
    }

    [Fact]
    public async Task Page_TwoRequests_GetDifferentNonces()
    {
        var client = _factory.CreateClient();
        var first = ImportMapNonce().Match(await client.GetStringAsync("/signin", Ct)).Groups[1].Value;
        var second = ImportMapNonce().Match(await client.GetStringAsync("/signin", Ct)).Groups[1].Value;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ForwardedProto_FromUnknownProxy_IsIgnored()
    {
        var response = await GetAsync(ClientFrom("10.1.2.3"), "/signin", forwardedProto: "https");

        Assert.Contains(".AspNetCore.Antiforgery", SetCookies(response), StringComparison.Ordinal);
        Assert.DoesNotContain("secure", SetCookies(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProto_FromKnownNetwork_MakesCookiesSecure()
    {
        var client = ClientFrom("10.1.2.3", settings: ("Edge:KnownNetworks:0", "10.0.0.0/8"));
        var response = await GetAsync(client, "/signin", forwardedProto: "https");

        Assert.Contains("secure", SetCookies(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProto_FromKnownProxyAddress_MakesCookiesSecure()
    {
        var client = ClientFrom("192.168.7.9", settings: ("Edge:KnownProxies:0", "192.168.7.9"));
        var response = await GetAsync(client, "/signin", forwardedProto: "https");

        Assert.Contains("secure", SetCookies(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Production_HttpsThroughLocalProxy_SendsHsts()
    {
        var response = await GetAsync(ClientFrom("127.0.0.1", "Production"), "/signin", forwardedProto: "https");

        Assert.True(response.Headers.Contains("Strict-Transport-Security"), $"{response.StatusCode}: {response.Headers}");
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_PlainHttp_StillMarksCookiesSecure()
    {
        var response = await GetAsync(ClientFrom("127.0.0.1", "Production"), "/signin");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("secure", SetCookies(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Testing_HttpsThroughLocalProxy_SendsNoHsts()
    {
        var response = await GetAsync(ClientFrom("127.0.0.1"), "/signin", forwardedProto: "https");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("secure", SetCookies(response), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Gives test-server requests a client address, before anything else in the pipeline.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                ctx.Connection.RemoteIpAddress = address;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
