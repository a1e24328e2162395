using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Catalog.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>Daily: records the catalog's counts for trends. Idempotent: one row per day, updated in place.</summary>
public sealed class RecordCatalogSnapshotJob(CatalogSnapshots snapshots, ILogger<RecordCatalogSnapshotJob> logger)
{
    public const string RecurringId = "catalog-snapshot";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct)
    {
        var snapshot = await snapshots.RecordAsync(ct);
        logger.LogInformation(
            "Catalog snapshot for {Day:yyyy-MM-dd}: {Services} services, {Teams} teams, {Unowned} without owner",
            snapshot.Day,
            snapshot.Services,
            snapshot.Teams,
            snapshot.UnownedServices);
    }
}
