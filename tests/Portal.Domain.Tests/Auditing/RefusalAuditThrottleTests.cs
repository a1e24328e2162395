using System.Net;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Security;

namespace Portal.Domain.Tests.Auditing;

public sealed class RefusalAuditThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private static readonly Actor Anonymous = new("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());

    private static RefusalAttempt Attempt(string caller, string key = "GET /api/v1/services", string action = "authentication.refused") =>
        new(caller, Anonymous, action, "endpoint", key, "203.0.113.7");

    [Fact]
    public void Admit_OneCallerWithinAMinute_WritesTheFirstAndCountsTheRestIntoTheNextEntry()
    {
        var throttle = new RefusalAuditThrottle(_clock);

        var first = throttle.Admit(Attempt("a"));
        Assert.False(throttle.Admit(Attempt("a")).Write);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(throttle.Admit(Attempt("a")).Write);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var next = throttle.Admit(Attempt("a"));
        _clock.Advance(RefusalAuditThrottle.Window);
        var quiet = throttle.Admit(Attempt("a"));

        Assert.Equal((true, 0), (first.Write, first.LeftOut));
        Assert.Equal((true, 2), (next.Write, next.LeftOut));
        Assert.Equal((true, 0), (quiet.Write, quiet.LeftOut));
    }

    [Fact]
    public void Admit_AnotherCaller_HasItsOwnWindow()
    {
        var throttle = new RefusalAuditThrottle(_clock);

        Assert.True(throttle.Admit(Attempt("a")).Write);
        Assert.True(throttle.Admit(Attempt("b")).Write);
        Assert.False(throttle.Admit(Attempt("a")).Write);
    }

    [Fact]
    public void TakeDue_BurstThatStops_SummarisedOnceItsWindowClosesWithTheRecordsCounted()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        throttle.Admit(Attempt("a", "GET /admin/tokens"));
        throttle.Admit(Attempt("a", "GET /admin/tokens"));
        _clock.Advance(TimeSpan.FromSeconds(10));
        throttle.Admit(Attempt("a", "GET /healthz/details"));
        throttle.Admit(Attempt("a", "GET /healthz/details"));

        Assert.Empty(throttle.TakeDue());
        _clock.Advance(TimeSpan.FromSeconds(50));
        var summary = Assert.Single(throttle.TakeDue());

        Assert.Equal(("authentication.refused", "GET /healthz/details", "203.0.113.7", 3), (summary.Action, summary.EntityKey, summary.ClientAddress, summary.LeftOut));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(60), summary.From);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(50), summary.To);
        Assert.Equal(new Dictionary<string, int> { ["GET /admin/tokens"] = 1, ["GET /healthz/details"] = 2 }, summary.ByKey);
        Assert.Empty(throttle.TakeDue());
        Assert.Equal(0, throttle.Remembered);
    }

    [Fact]
    public void TakeDue_CountCarriedByTheNextEntry_NotSummarisedAgain()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        throttle.Admit(Attempt("a"));
        throttle.Admit(Attempt("a"));
        _clock.Advance(RefusalAuditThrottle.Window);

        Assert.Equal(1, throttle.Admit(Attempt("a")).LeftOut);
        Assert.Empty(throttle.TakeDue());
    }

    [Fact]
    public void Admit_FloodFromManyCallers_CappedAMinuteWithTheRestCountedInOneSummaryByCaller()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        var written = 0;
        for (var i = 0; i < 10_000; i++)
        {
            written += throttle.Admit(Attempt($"caller-{i}", action: i % 2 == 0 ? "authentication.refused" : "webhook.replay")).Write ? 1 : 0;
        }

        Assert.Equal(RefusalAuditThrottle.MaxEntriesPerWindow, written);
        Assert.True(throttle.Remembered <= RefusalAuditThrottle.MaxEntriesPerWindow);
        Assert.DoesNotContain(throttle.TakeDue(), s => s.Action == RefusalAuditThrottle.LeftOutAction);

        _clock.Advance(RefusalAuditThrottle.Window);
        var due = throttle.TakeDue();
        var overflow = Assert.Single(due, s => s.Action == RefusalAuditThrottle.LeftOutAction);
        Assert.Equal(10_000 - RefusalAuditThrottle.MaxEntriesPerWindow, overflow.LeftOut);
        Assert.Equal(overflow.LeftOut, overflow.ByKey.Values.Sum());
        Assert.Equal(RefusalAuditThrottle.MaxKeysPerSummary + 1, overflow.ByKey.Count);
        Assert.Equal(1, overflow.ByKey["caller-120"]);
        Assert.Equal("system", overflow.Actor.Name);
        Assert.Equal(0, throttle.Remembered);

        // A new minute: entries are written again.
        Assert.True(throttle.Admit(Attempt("caller-late")).Write);
    }

    [Fact]
    public void Admit_OneAccountRefusedOnManyEndpoints_CannotSpendEveryonesEntries()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        var mallory = new Actor("mallory", "Mallory", PortalRole.Viewer, new HashSet<Guid>());
        var ada = new Actor("ada", "Ada", PortalRole.Viewer, new HashSet<Guid>());
        var written = 0;
        for (var i = 0; i < 200; i++)
        {
            var endpoint = $"GET /admin/page-{i}";
            var attempt = new RefusalAttempt($"authorization.refused|mallory|{endpoint}", mallory, "authorization.refused", "endpoint", endpoint, "192.0.2.66")
            {
                Principal = "authorization.refused|mallory",
            };
            written += throttle.Admit(attempt).Write ? 1 : 0;
        }

        var adas = throttle.Admit(new RefusalAttempt("authorization.refused|ada|GET /admin/tokens", ada, "authorization.refused", "endpoint", "GET /admin/tokens", "198.51.100.4")
        {
            Principal = "authorization.refused|ada",
        });
        _clock.Advance(RefusalAuditThrottle.Window);
        var overflow = Assert.Single(throttle.TakeDue(), s => s.Action == RefusalAuditThrottle.LeftOutAction);

        Assert.Equal(RefusalAuditThrottle.MaxEntriesPerPrincipal, written);
        Assert.True(adas.Write, "another account's refusal must still get its own entry, with its actor and address");
        Assert.Equal(new Dictionary<string, int> { ["authorization.refused|mallory"] = 190 }, overflow.ByKey);
    }

    [Fact]
    public void Summary_BeyondTheCap_NamesThoseCountedMost()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        for (var i = 0; i < RefusalAuditThrottle.MaxEntriesPerWindow; i++)
        {
            throttle.Admit(Attempt($"filler-{i}"));
        }

        for (var i = 0; i < 30; i++)
        {
            throttle.Admit(Attempt($"once-{i:D2}"));
        }

        for (var i = 0; i < 5; i++)
        {
            throttle.Admit(Attempt("persistent"));
        }

        _clock.Advance(RefusalAuditThrottle.Window);
        var overflow = Assert.Single(throttle.TakeDue(), s => s.Action == RefusalAuditThrottle.LeftOutAction);

        Assert.Equal(5, overflow.ByKey["persistent"]);
        Assert.Equal(35, overflow.ByKey.Values.Sum());
        Assert.Equal(RefusalAuditThrottle.MaxKeysPerSummary + 1, overflow.ByKey.Count);
    }

    [Fact]
    public void Admit_ManyCallersOverManyMinutes_RemembersOnlyTheLastWindowsCallers()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        for (var minute = 0; minute < 20; minute++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                throttle.Admit(Attempt($"m{minute}-{i}"));
            }

            _clock.Advance(RefusalAuditThrottle.Window);
            throttle.TakeDue();
        }

        Assert.Equal(0, throttle.Remembered);
    }

    [Fact]
    public void Summary_ManyRecords_NamesTenAndCountsTheRestTogether()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        for (var i = 0; i < 30; i++)
        {
            throttle.Admit(Attempt("a", $"GET /admin/page-{i}"));
        }

        _clock.Advance(RefusalAuditThrottle.Window);
        var summary = Assert.Single(throttle.TakeDue());

        Assert.Equal(29, summary.LeftOut);
        Assert.Equal(RefusalAuditThrottle.MaxKeysPerSummary + 1, summary.ByKey.Count);
        Assert.Equal(29 - RefusalAuditThrottle.MaxKeysPerSummary, summary.ByKey[RefusalAuditThrottle.OtherKeys]);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1::/48")]
    [InlineData("2001:db8:1:ffff::1", "2001:db8:1::/48")]
    [InlineData("::1", "::1")]
    public void AddressKey_IPv6ByItsSlash48(string address, string expected) =>
        Assert.Equal(expected, RefusalAuditThrottle.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public async Task Admit_ConcurrentCallers_EveryRefusalWrittenOrCounted()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        var written = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                if (throttle.Admit(Attempt($"caller-{i % 50}")).Write)
                {
                    Interlocked.Increment(ref written);
                }
            }
        })));

        _clock.Advance(RefusalAuditThrottle.Window);
        var counted = throttle.TakeDue().Sum(s => s.LeftOut);

        Assert.Equal(50, written);
        Assert.Equal((8 * 500) - 50, counted);
    }
}
