using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>Anonymous <c>/healthz</c> runs its checks at most once per few seconds however many ask; administrators get a fresh report.</summary>
public sealed class HealthCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private PortalWebFactory _factory = null!;
    private int _rounds;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b => b.ConfigureTestServices(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddHealthChecks().AddCheck("counter", () =>
        {
            Interlocked.Increment(ref _rounds);
            return HealthCheckResult.Healthy();
        });
    }));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Anonymous => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Healthz_ManyAnonymousCallersInOneWindow_RunTheChecksOnce()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Anonymous.GetAsync("/healthz", Ct)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, _rounds);
    }

    [Fact]
    public async Task Healthz_AfterTheWindow_RunsTheChecksAgain()
    {
        await Anonymous.GetAsync("/healthz", Ct);
        _clock.Advance(Portal.Web.Hosting.HealthReportCache.Lifetime - TimeSpan.FromMilliseconds(1));
        await Anonymous.GetAsync("/healthz", Ct);
        var withinWindow = _rounds;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Anonymous.GetAsync("/healthz", Ct);

        Assert.Equal((1, 2), (withinWindow, _rounds));
    }

    [Fact]
    public async Task HealthzDetails_Admin_IsWorkedOutAfresh()
    {
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        await Anonymous.GetAsync("/healthz", Ct);

        await admin.GetAsync("/healthz/details", Ct);
        await admin.GetAsync("/healthz/details", Ct);

        Assert.Equal(3, _rounds);
    }
}
