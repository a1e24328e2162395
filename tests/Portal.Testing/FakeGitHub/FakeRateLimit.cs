namespace Portal.Testing.FakeGitHub;

/// <summary>
/// The REST <c>core</c> rate limit: every counted answer takes one from <see cref="Remaining"/>; at zero the fake
/// answers 403 "API rate limit exceeded" until <see cref="ResetAt"/>, when it refills to <see cref="Limit"/> and
/// the reset moves an hour on. Tests set <see cref="Remaining"/> and <see cref="ResetAt"/> directly.
/// </summary>
public sealed class FakeRateLimit
{
    private readonly FakeGitHubState _state;
    private int _limit = 5000;
    private int _remaining = 5000;
    private DateTimeOffset _resetAt;

    internal FakeRateLimit(FakeGitHubState state)
    {
        _state = state;
        _resetAt = state.Now().AddHours(1);
    }

    /// <summary>Requests per window (5000, like a personal access token).</summary>
    public int Limit
    {
        get { lock (_state.Gate) { return _limit; } }
        set { lock (_state.Gate) { _limit = value; } }
    }

    /// <summary>Requests left in this window.</summary>
    public int Remaining
    {
        get { lock (_state.Gate) { return _remaining; } }
        set { lock (_state.Gate) { _remaining = value; } }
    }

    /// <summary>When the window ends and the limit refills (sent as unix seconds in <c>X-RateLimit-Reset</c>).</summary>
    public DateTimeOffset ResetAt
    {
        get { lock (_state.Gate) { return _resetAt; } }
        set { lock (_state.Gate) { _resetAt = value; } }
    }

    /// <summary>Requests used in this window: <see cref="Limit"/> − <see cref="Remaining"/>.</summary>
    public int Used
    {
        get { lock (_state.Gate) { return Math.Max(0, _limit - _remaining); } }
    }

    /// <summary>Refills when the window is over; then says whether the limit is exhausted. Call under the lock.</summary>
    internal bool IsExhausted()
    {
        Refill();
        return _remaining <= 0;
    }

    /// <summary>Takes one request (if any is left) and returns the figures for the headers. Call under the lock.</summary>
    internal RateLimitSnapshot Consume(bool take)
    {
        Refill();
        if (take && _remaining > 0)
        {
            _remaining--;
        }

        return Snapshot();
    }

    internal RateLimitSnapshot Snapshot() => new(_limit, Math.Max(0, _remaining), Math.Max(0, _limit - _remaining), _resetAt);

    private void Refill()
    {
        var now = _state.Clock.GetUtcNow();
        if (now < _resetAt)
        {
            return;
        }

        _remaining = _limit;
        var windows = (long)Math.Floor((now - _resetAt).TotalHours) + 1;
        _resetAt = _resetAt.AddHours(windows);
    }
}

/// <summary>The rate-limit figures of one answer.</summary>
internal readonly record struct RateLimitSnapshot(int Limit, int Remaining, int Used, DateTimeOffset ResetAt)
{
    public long ResetUnixSeconds => ResetAt.ToUnixTimeSeconds();
}
