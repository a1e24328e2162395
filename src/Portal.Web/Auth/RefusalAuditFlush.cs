using Portal.Domain.Auditing.Refusals;

namespace Portal.Web.Auth;

/// <summary>
/// Writes the refusal counts <see cref="RefusalAuditThrottle"/> holds once their window closed, every
/// <see cref="Interval"/>, so a burst that stops is summarised in the audit log within a minute and a quarter instead
/// of waiting for (or never seeing) the caller's next refusal; and at shutdown every count it still holds, open windows
/// included, waiting at most <see cref="ShutdownLimit"/>. A failed write is logged (the summary was already logged at
/// Warning) and the loop goes on.
/// </summary>
public sealed class RefusalAuditFlush(RefusalAudit refusals, TimeProvider clock, ILogger<RefusalAuditFlush> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>How long stopping may wait for the last counts to be written (they were logged at Warning already).</summary>
    public static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Counted from the start of stopping, so the whole stop is bounded, whatever the host's own shutdown timeout.
        using var limit = new CancellationTokenSource(ShutdownLimit, clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        await base.StopAsync(cancellationToken);
        try
        {
            // Open windows too: a deploy must not lose the last minute's counts, nor the flood beyond the cap.
            await AuditWrite.TryAsync(
                () => refusals.FlushAllAsync(bounded.Token),
                ex => logger.LogError(ex, "Could not write the last refusal counts to the audit log at shutdown; they were logged at Warning"));
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            logger.LogWarning("Stopped without waiting longer than {Limit} for the last refusal counts to reach the audit log; they were logged at Warning", ShutdownLimit);
        }
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
