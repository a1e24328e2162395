using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Sync;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Jobs;

/// <summary>Targeted syncs a webhook asks for: one repository, one organisation's teams, or one tech-debt issue.</summary>
public sealed class SyncGitHubTargetJob(GitHubSync sync, IBackgroundJobClient jobs, TimeProvider clock, ILogger<SyncGitHubTargetJob> logger)
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(30);

    [AutomaticRetry(Attempts = 3)]
    public async Task RepositoryAsync(string org, string name, CancellationToken ct)
    {
        var outcome = await sync.SyncRepositoryAsync(org, name, SyncTrigger.Webhook, ct);
        logger.LogInformation("GitHub sync of {Org}/{Repository}: {Message}", org, name, outcome.Message);
        if (outcome.Skipped || outcome.ResumeAt is not null)
        {
            // Another sync holds the lease, or the rate limit stopped this one: try again later; it is cheap.
            jobs.Schedule<SyncGitHubTargetJob>(j => j.RepositoryAsync(org, name, CancellationToken.None), Later(outcome));
        }
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task TeamsAsync(string org, CancellationToken ct)
    {
        var outcome = await sync.SyncTeamsAsync(org, SyncTrigger.Webhook, ct);
        logger.LogInformation("GitHub team sync of {Org}: {Message}", org, outcome.Message);
        if (outcome.Skipped || outcome.ResumeAt is not null)
        {
            jobs.Schedule<SyncGitHubTargetJob>(j => j.TeamsAsync(org, CancellationToken.None), Later(outcome));
        }
    }

    /// <summary>
    /// One tech-debt issue an <c>issues</c> webhook named, without GitHub's id for it. Kept so jobs queued before
    /// <see cref="IssueByIdAsync"/> existed still run after an upgrade; new deliveries use that one.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    public Task IssueAsync(string org, string repository, int number, CancellationToken ct) =>
        IssueByIdAsync(org, repository, number, null, ct);

    /// <summary>
    /// One tech-debt issue an <c>issues</c> webhook named, with GitHub's id for it when the delivery carried one (a
    /// deleted issue's item is then found by that id, not by an address another issue may have taken); retried later
    /// when another sync holds the lease.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task IssueByIdAsync(string org, string repository, int number, long? issueId, CancellationToken ct)
    {
        var outcome = await sync.SyncIssueAsync(org, repository, number, SyncTrigger.Webhook, ct, issueId);
        logger.LogInformation("GitHub sync of issue {Org}/{Repository}#{Number}: {Message}", org, repository, number, outcome.Message);
        if (outcome.Skipped || outcome.ResumeAt is not null)
        {
            jobs.Schedule<SyncGitHubTargetJob>(j => j.IssueByIdAsync(org, repository, number, issueId, CancellationToken.None), Later(outcome));
        }
    }

    private DateTimeOffset Later(SyncOutcome outcome) =>
        outcome.ResumeAt?.AddSeconds(5) ?? clock.GetUtcNow() + BusyRetry;
}
