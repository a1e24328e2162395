using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Hosting;

/// <summary>
/// Healthy means: the Hangfire job storage answers within 5 s, so jobs can be queued and picked up. Hangfire's
/// monitoring calls are synchronous: they run on a pool thread of their own, and the check stops waiting after 5 s
/// instead of holding a request thread.
/// </summary>
internal sealed class JobStorageHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    /// <summary>How long the check waits for the job storage.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (servers, failed) = await Task.Run(
                () =>
                {
                    var monitoring = storage.GetMonitoringApi();
                    return (monitoring.Servers().Count, monitoring.FailedCount());
                },
                cancellationToken).WaitAsync(Timeout, clock, cancellationToken);
            var data = new Dictionary<string, object> { ["servers"] = servers, ["failedJobs"] = failed, ["storage"] = storage.GetType().Name };
            return HealthCheckResult.Healthy($"Job storage ({storage.GetType().Name}) answered; {servers} job server(s) registered.", data);
        }
        catch (TimeoutException ex)
        {
            return HealthCheckResult.Unhealthy($"Job storage did not answer within {Timeout.TotalSeconds:0} s.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Job storage did not answer.", ex);
        }
    }
}
