using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Debt.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Every five minutes: brings every debt score up to date when the dependency graph, the scoring tables or the day
/// moved on. Pages and the API never recompute while reading, so this is what catches up; when nothing moved it costs
/// one small query. Idempotent.
/// </summary>
public sealed class RescoreDebtJob(DebtScores scores, ILogger<RescoreDebtJob> logger)
{
    public const string RecurringId = "debt-rescore";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct)
    {
        if (await scores.EnsureFreshAsync(ct) is { } result)
        {
            logger.LogInformation(
                "Debt scores recomputed on graph version {GraphVersion}: {Changed} of {Items} items changed in {ElapsedMs} ms",
                result.GraphVersion,
                result.Changed,
                result.Items,
                (long)result.Elapsed.TotalMilliseconds);
        }
    }
}
