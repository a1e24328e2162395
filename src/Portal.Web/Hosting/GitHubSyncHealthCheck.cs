using Microsoft.Extensions.Options;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Queries;
using Portal.Ingest.GitHub;

namespace Portal.Web.Hosting;

/// <summary>
/// Healthy means: the GitHub sync is off, or its latest run did not fail and no run has stopped
/// sending heartbeats. Degraded (never unhealthy: the portal works without GitHub) otherwise, with why.
/// </summary>
internal sealed class GitHubSyncHealthCheck(IOptions<GitHubOptions> options, SyncQueries queries, TimeProvider clock)
    : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("GitHub sync is off (no GitHub:Organizations).");
        }

        var latest = (await queries.RunsAsync(GitHubSync.Source, 1, 1, cancellationToken)).Items.FirstOrDefault();
        var data = new Dictionary<string, object>();
        if (latest is null)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("GitHub sync is configured and has not run yet.");
        }

        data["lastRun"] = latest.Id;
        data["status"] = latest.Status.ToString();
        data["startedAt"] = latest.StartedAt;
        if (latest.Status == SyncRunStatus.Failed)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded($"The latest GitHub sync failed: {latest.Error}", data: data);
        }

        if (latest.Status == SyncRunStatus.Running && clock.GetUtcNow().UtcDateTime - latest.HeartbeatAt > GitHubSync.StaleAfter)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(
                $"A GitHub sync has sent no heartbeat since {latest.HeartbeatAt:u}; the next run resumes it.", data: data);
        }

        return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(
            $"The latest GitHub sync ({latest.StartedAt:u}) is {latest.Status}; none has stalled.", data);
    }
}
