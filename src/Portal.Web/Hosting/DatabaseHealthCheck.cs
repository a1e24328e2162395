using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Hosting;

/// <summary>Healthy means: the database answers a query within 5 s and has no pending migrations.</summary>
internal sealed class DatabaseHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var pending = await migrator.PendingAsync(timeout.Token);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database answered within 5 s and its schema is up to date.")
                : HealthCheckResult.Unhealthy($"Database answered but {pending.Count} migration(s) are pending: run 'migrate'.", data: new Dictionary<string, object> { ["pending"] = pending });
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Database did not answer within 5 s.", ex);
        }
    }
}
