using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Octokit;
using Octokit.Internal;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class PoliteHttpClientTests
{
    private static readonly GitHubOptions Options = new()
    {
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromMilliseconds(200),
        MaxRateLimitWait = TimeSpan.FromSeconds(5),
        RateLimitReserve = 0,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_ServerErrorThenOk_RetriesAndCountsBoth()
    {
        var inner = new ScriptedHttp(Answer(HttpStatusCode.BadGateway), Answer(HttpStatusCode.OK));
        var meter = new RequestMeter();

        var response = await Polite(inner, meter).Send(Get(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1, 2), (inner.Calls, meter.Retries, meter.Requests));
    }

    [Fact]
    public async Task Send_ServerErrorEveryTime_GivesUpAfterBoundedRetries()
    {
        var inner = new ScriptedHttp(Answer(HttpStatusCode.InternalServerError), Answer(HttpStatusCode.InternalServerError), Answer(HttpStatusCode.InternalServerError), Answer(HttpStatusCode.OK));

        var response = await Polite(inner, new RequestMeter()).Send(Get(), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1 + Options.MaxRetries, inner.Calls);
    }

    [Fact]
    public async Task Send_TimeoutEveryTime_ThrowsUnavailableNamingTheRequest()
    {
        var inner = new ScriptedHttp(Hang(), Hang(), Hang());

        var ex = await Assert.ThrowsAsync<GitHubUnavailableException>(() => Polite(inner, new RequestMeter()).Send(Get(), Ct));

        Assert.Contains("repos/acme/billing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task Send_SecondaryLimit_WaitsRetryAfterOnTheClockThenSucceeds()
    {
        var inner = new ScriptedHttp(Answer(HttpStatusCode.Forbidden, ("Retry-After", "2")), Answer(HttpStatusCode.OK));
        var meter = new RequestMeter();
        var clock = new FakeTimeProvider();

        var sending = Polite(inner, meter, clock).Send(Get(), Ct);
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        var (doneEarly, callsEarly) = (sending.IsCompleted, inner.Calls);
        var response = await AdvanceUntilDoneAsync(clock, sending, TimeSpan.FromMilliseconds(1));

        Assert.Equal((false, 1), (doneEarly, callsEarly));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), (inner.Calls, meter.RateLimitWaits));
    }

    [Fact]
    public async Task Send_ServerError_BacksOffOnTheInjectedClock()
    {
        var inner = new ScriptedHttp(Answer(HttpStatusCode.ServiceUnavailable), Answer(HttpStatusCode.OK));
        var clock = new FakeTimeProvider();
        var options = new GitHubOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromSeconds(30), RateLimitReserve = 0 };

        var sending = new PoliteHttpClient(inner, options, new RequestMeter(), clock, NullLogger.Instance, CancellationToken.None).Send(Get(), Ct);
        var (doneBeforeTimePasses, callsBeforeTimePasses) = (sending.IsCompleted, inner.Calls);
        var response = await AdvanceUntilDoneAsync(clock, sending, TimeSpan.FromSeconds(1));

        Assert.Equal((false, 1), (doneBeforeTimePasses, callsBeforeTimePasses));
        Assert.Equal((HttpStatusCode.OK, 2), (response.StatusCode, inner.Calls));
    }

    [Fact]
    public async Task Send_PrimaryLimitResetTooFarAway_ThrowsPause()
    {
        var reset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var inner = new ScriptedHttp(Answer(HttpStatusCode.Forbidden, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)));

        var ex = await Assert.ThrowsAsync<RateLimitPauseException>(() => Polite(inner, new RequestMeter()).Send(Get(), Ct));

        Assert.True(ex.ResetAt > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task Send_NotModified_CountedAsFree()
    {
        var inner = new ScriptedHttp(Answer(HttpStatusCode.NotModified, ("X-RateLimit-Remaining", "4999"), ("X-RateLimit-Reset", "2000000000")));
        var meter = new RequestMeter();

        await Polite(inner, meter).Send(Get(), Ct);

        Assert.Equal((0, 1, 4999), (meter.Requests, meter.NotModified, meter.RateLimitRemaining));
    }

    private static PoliteHttpClient Polite(IHttpClient inner, RequestMeter meter, TimeProvider? clock = null) =>
        new(inner, Options, meter, clock ?? TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    /// <summary>Moves the fake clock in steps until the send finishes (at most 10,000 steps); no real time passes.</summary>
    private static async Task<IResponse> AdvanceUntilDoneAsync(FakeTimeProvider clock, Task<IResponse> sending, TimeSpan step)
    {
        for (var i = 0; i < 10_000 && !sending.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        return await sending;
    }

    private static Request Get() => new()
    {
        Method = HttpMethod.Get,
        BaseAddress = new Uri("https://api.github.com/"),
        Endpoint = new Uri("repos/acme/billing", UriKind.Relative),
    };

    private static Func<CancellationToken, Task<IResponse>> Answer(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        _ => Task.FromResult<IResponse>(new Octokit.Caching.CachedResponse.V1("{}", headers.ToDictionary(h => h.Name, h => h.Value), null!, status, "application/json"));

    private static Func<CancellationToken, Task<IResponse>> Hang() =>
        async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

    /// <summary>Answers each call with the next scripted answer.</summary>
    private sealed class ScriptedHttp(params Func<CancellationToken, Task<IResponse>>[] answers) : IHttpClient
    {
        private int _calls;

        public int Calls => _calls;

        public Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null) =>
            answers[Math.Min(Interlocked.Increment(ref _calls) - 1, answers.Length - 1)](cancellationToken);

        public void SetRequestTimeout(TimeSpan timeout)
        {
        }

        public void Dispose()
        {
        }
    }
}
