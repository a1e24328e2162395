using Microsoft.Extensions.Time.Testing;
using Portal.Web.Auth;

namespace Portal.Web.Tests.Auth;

public sealed class RefusalAuditThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryWrite_OneCallerWithinAMinute_WritesTheFirstAndCountsTheRestIntoTheNextEntry()
    {
        var throttle = new RefusalAuditThrottle(_clock);

        Assert.True(throttle.TryWrite("203.0.113.7", out var first));
        Assert.False(throttle.TryWrite("203.0.113.7", out _));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(throttle.TryWrite("203.0.113.7", out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryWrite("203.0.113.7", out var next));
        _clock.Advance(RefusalAuditThrottle.Window);
        Assert.True(throttle.TryWrite("203.0.113.7", out var quiet));

        Assert.Equal((0, 2, 0), (first, next, quiet));
    }

    [Fact]
    public void TryWrite_AnotherCaller_HasItsOwnWindow()
    {
        var throttle = new RefusalAuditThrottle(_clock);

        Assert.True(throttle.TryWrite("203.0.113.7", out _));
        Assert.True(throttle.TryWrite("2001:db8:1:2::/64", out _));
        Assert.False(throttle.TryWrite("203.0.113.7", out _));
    }

    [Fact]
    public void TryWrite_MoreCallersThanRemembered_StaysBoundedAndKeepsWriting()
    {
        var throttle = new RefusalAuditThrottle(_clock);
        for (var i = 0; i < RefusalAuditThrottle.MaxCallers; i++)
        {
            Assert.True(throttle.TryWrite($"10.0.{i / 256}.{i % 256}", out _));
        }

        // Every remembered caller is still within its minute: the table is emptied rather than grown.
        Assert.True(throttle.TryWrite("198.51.100.1", out _));
        Assert.True(throttle.TryWrite("10.0.0.0", out _));
    }
}
