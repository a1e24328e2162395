using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Sync;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Jobs;

/// <summary>
/// The recurring full GitHub sync (and "Sync now"). Never two at once: Hangfire's lock on this
/// instance's storage, and the database lease across instances. A run stopped by the rate limit is
/// scheduled again for just after the reset and resumes where it stopped.
/// </summary>
public sealed class SyncGitHubJob(GitHubSync sync, IBackgroundJobClient jobs, ILogger<SyncGitHubJob> logger)
{
    public const string RecurringId = "github-sync";

    private static readonly TimeSpan SkippedRetry = TimeSpan.FromMinutes(2);

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(SyncTrigger trigger, CancellationToken ct)
    {
        var outcome = await sync.RunAsync(trigger, ct);
        logger.LogInformation("GitHub sync ({Trigger}): {Message}", trigger, outcome.Message);
        if (outcome.ResumeAt is { } resumeAt)
        {
            jobs.Schedule<SyncGitHubJob>(j => j.RunAsync(trigger, CancellationToken.None), resumeAt.AddSeconds(5));
        }
        else if (outcome.Skipped)
        {
            // Another sync (often a short webhook one) holds the lease: try once more a little later rather
            // than wait for the next schedule.
            jobs.Schedule<SyncGitHubJob>(j => j.RetryOnceAsync(trigger, CancellationToken.None), SkippedRetry);
        }
    }

    /// <summary>The one retry of a skipped run; skipped again, it leaves it to the next schedule.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RetryOnceAsync(SyncTrigger trigger, CancellationToken ct)
    {
        var outcome = await sync.RunAsync(trigger, ct);
        logger.LogInformation("GitHub sync ({Trigger}, retried after being skipped): {Message}", trigger, outcome.Message);
        if (outcome.ResumeAt is { } resumeAt)
        {
            jobs.Schedule<SyncGitHubJob>(j => j.RunAsync(trigger, CancellationToken.None), resumeAt.AddSeconds(5));
        }
    }
}
