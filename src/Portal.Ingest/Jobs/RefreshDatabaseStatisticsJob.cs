using Hangfire;
using Portal.Domain.Persistence;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Hourly: refreshes the embedded database's planner statistics (SQLite only; PostgreSQL's autovacuum does it), so
/// queries keep their fast plans as the catalog, the debt register and the scorecards grow. Idempotent.
/// </summary>
public sealed class RefreshDatabaseStatisticsJob(DatabaseStatistics statistics)
{
    public const string RecurringId = "database-statistics";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken ct) => statistics.RefreshAsync(ct);
}
