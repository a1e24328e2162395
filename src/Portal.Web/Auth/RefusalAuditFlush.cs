using Portal.Domain.Auditing.Refusals;

namespace Portal.Web.Auth;

/// <summary>
/// Writes the refusal counts <see cref="RefusalAuditThrottle"/> holds once their window closed, every
/// <see cref="Interval"/> and once more at shutdown, so a burst that stops is summarised in the audit log within a
/// minute and a quarter instead of waiting for (or never seeing) the caller's next refusal. A failed write is logged
/// (the summary was already logged at Warning) and the loop goes on.
/// </summary>
public sealed class RefusalAuditFlush(RefusalAudit refusals, TimeProvider clock, ILogger<RefusalAuditFlush> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync flushes once more.
        }
    }

    private async Task FlushAsync() =>
        // Any failure, not only the database's own exceptions (AuditWrite): with retries on (PostgreSQL), an outage
        // ends in RetryLimitExceededException, and an exception escaping a BackgroundService stops the whole host.
        await AuditWrite.TryAsync(
            refusals.FlushAsync,
            ex => logger.LogError(ex, "Could not write the refusal counts to the audit log; they were logged at Warning"));
}
