using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Debt.Commands;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Hourly: brings every debt score up to date when the dependency graph, the scoring tables or the day moved on
/// (pages and the API do the same before reading, so this only saves the first reader the wait). Idempotent.
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
