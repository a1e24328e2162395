using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// What the rate limiter keeps and logs while refusing: no partition per refused token, IPv6 callers keyed by their
/// /64, one warning line per caller and window, and which requests count as sign-in.
/// </summary>
public sealed class RateLimitPartitionTests : IAsyncDisposable
{
    private readonly CapturingLoggerProvider _log = new();
    private PortalWebFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private async Task<PortalWebFactory> AppAsync(string rule, int permits)
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b =>
        {
            b.UseSetting($"Limits:{rule}:PermitLimit", permits.ToString(CultureInfo.InvariantCulture));
            b.UseSetting($"Limits:{rule}:WindowSeconds", "3600");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TestRemoteAddress()));
            b.ConfigureLogging(l => l.AddProvider(_log));
        });
        return _factory;
    }

    private HttpClient ClientFrom(string address, string? token = null)
    {
        var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, address);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task Refusal_ManyRandomTokensPastTheAddressLimit_CreatesNoTokenPartitions()
    {
        var app = await AppAsync("ApiPerAddress", 1);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add((await ClientFrom("203.0.113.20", $"ptl_random{i}").GetAsync("/api/v1/services", Ct)).StatusCode);
        }

        Assert.Equal(19, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(1, app.Services.GetRequiredService<PortalRateLimiters>().TokenPartitionsCreated);
    }

    [Fact]
    public async Task Refusal_TokenOverItsLimit_IsExplainedAsTheToken()
    {
        var app = await AppAsync("ApiPerToken", 1);
        var token = await app.CreateTokenAsync(PortalRole.Viewer);

        await ClientFrom("203.0.113.21", token).GetAsync("/api/v1/services", Ct);
        var refused = await ClientFrom("203.0.113.21", token).GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("for this API token", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_TokenOverItsLimit_DoesNotSpendTheAddressAllowanceTwice()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b =>
        {
            b.UseSetting("Limits:ApiPerToken:PermitLimit", "1");
            b.UseSetting("Limits:ApiPerToken:WindowSeconds", "3600");
            b.UseSetting("Limits:ApiPerAddress:PermitLimit", "3");
            b.UseSetting("Limits:ApiPerAddress:WindowSeconds", "3600");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TestRemoteAddress()));
        });
        var busy = await _factory.CreateTokenAsync(PortalRole.Viewer);
        var other = await _factory.CreateTokenAsync(PortalRole.Viewer);

        var first = await ClientFrom("203.0.113.25", busy).GetAsync("/api/v1/services", Ct);
        var refused = await ClientFrom("203.0.113.25", busy).GetAsync("/api/v1/services", Ct);
        var third = await ClientFrom("203.0.113.25", other).GetAsync("/api/v1/services", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK), (first.StatusCode, refused.StatusCode, third.StatusCode));
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Api_Ipv6AddressesOfOneSlash64_ShareOneAllowance()
    {
        var app = await AppAsync("ApiPerAddress", 2);
        var token = await app.CreateTokenAsync(PortalRole.Viewer);

        var first = await ClientFrom("2001:db8:1:2::1", token).GetAsync("/api/v1/services", Ct);
        var second = await ClientFrom("2001:db8:1:2::abcd", token).GetAsync("/api/v1/services", Ct);
        var third = await ClientFrom("2001:db8:1:2:ffff:1:2:3", token).GetAsync("/api/v1/services", Ct);
        var otherNetwork = await ClientFrom("2001:db8:1:3::1", token).GetAsync("/api/v1/services", Ct);

        Assert.Equal(
            new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK },
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, otherNetwork.StatusCode });
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("fe80::1", "fe80::/64")]
    public void AddressKey_Address_IsKeyedByHostOrSlash64(string address, string expected) =>
        Assert.Equal(expected, PortalRateLimiters.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public async Task Refusal_SameCallerManyTimes_IsLoggedOncePerWindow()
    {
        await AppAsync("SignIn", 1);
        var client = ClientFrom("203.0.113.22");

        for (var i = 0; i < 6; i++)
        {
            await client.PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct);
        }

        await ClientFrom("203.0.113.23").PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct);
        await ClientFrom("203.0.113.23").PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct);

        var refusals = _log.Lines.Where(l => l.Category == "Portal.RateLimits").ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Single(refusals, r => r.Message.Contains("203.0.113.22", StringComparison.Ordinal));
        Assert.Single(refusals, r => r.Message.Contains("203.0.113.23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_SignOutAndTheOidcCallback_AreNotCounted()
    {
        await AppAsync("SignIn", 1);
        var client = ClientFrom("203.0.113.24");

        var uncounted = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            uncounted.Add((await client.PostAsync("/auth/signout", null, Ct)).StatusCode);
            uncounted.Add((await client.GetAsync("/signin-oidc", Ct)).StatusCode);
        }

        var first = await client.PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct);
        var second = await client.PostAsync("/auth/local/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["person"] = "nobody" }), Ct);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, uncounted);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public void SignIn_Default_AllowsSixtyAMinute()
    {
        var rule = new LimitsOptions().SignIn;

        Assert.Equal((60, 60), (rule.PermitLimit, rule.WindowSeconds));
    }

    [Fact]
    public void ShouldLog_WithinAndAfterTheWindow_LogsOnceThenCountsTheUnlogged()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var throttle = new RefusalLogThrottle(clock);

        var first = throttle.ShouldLog("sign-in|192.0.2.1", TimeSpan.FromMinutes(1), out _);
        var again = throttle.ShouldLog("sign-in|192.0.2.1", TimeSpan.FromMinutes(1), out _);
        var third = throttle.ShouldLog("sign-in|192.0.2.1", TimeSpan.FromMinutes(1), out _);
        var other = throttle.ShouldLog("sign-in|192.0.2.2", TimeSpan.FromMinutes(1), out _);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = throttle.ShouldLog("sign-in|192.0.2.1", TimeSpan.FromMinutes(1), out var unlogged);

        Assert.Equal(new[] { true, false, false, true, true }, new[] { first, again, third, other, later });
        Assert.Equal(2, unlogged);
    }

    [Fact]
    public void ShouldLog_MoreCallersThanItRemembers_SharesOneLineForTheRest()
    {
        var throttle = new RefusalLogThrottle(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        for (var i = 0; i < RefusalLogThrottle.MaxTracked; i++)
        {
            Assert.True(throttle.ShouldLog($"token|{i}", TimeSpan.FromMinutes(1), out _));
        }

        var firstBeyond = throttle.ShouldLog("token|new-1", TimeSpan.FromMinutes(1), out _);
        var secondBeyond = throttle.ShouldLog("token|new-2", TimeSpan.FromMinutes(1), out _);

        Assert.True(firstBeyond);
        Assert.False(secondBeyond);
    }

    /// <summary>Keeps every log line written at Warning or above, with its category.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string Category, string Message)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue((category, formatter(state, exception)));
                }
            }
        }
    }
}
