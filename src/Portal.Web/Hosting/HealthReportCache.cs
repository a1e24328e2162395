using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Hosting;

/// <summary>
/// The health report anonymous callers of <c>/healthz</c> see, worked out at most once per <see cref="Lifetime"/>
/// however many ask: callers within the window share the last report, and callers while a round runs wait for that
/// same round. A flood of probes costs one round of database queries per window, not one per request.
/// </summary>
public sealed class HealthReportCache(HealthCheckService health, TimeProvider clock)
{
    /// <summary>How long one report is served.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Task<HealthReport>? _round;
    private DateTimeOffset _startedAt;

    /// <summary>The current report: the last one while it is fresh, the running round's, or a new round's.</summary>
    public Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        Task<HealthReport> round;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_round is null || (_round.IsCompleted && (now - _startedAt >= Lifetime || !_round.IsCompletedSuccessfully)))
            {
                _startedAt = now;

                // Not the caller's token: the round is shared, and one caller hanging up must not cancel it for the rest.
                _round = health.CheckHealthAsync(CancellationToken.None);
            }

            round = _round;
        }

        return round.WaitAsync(cancellationToken);
    }
}
