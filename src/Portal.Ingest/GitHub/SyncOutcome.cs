using Portal.Domain.Sync;

namespace Portal.Ingest.GitHub;

/// <summary>How a call to <see cref="GitHubSync.RunAsync"/> went.</summary>
/// <param name="RunId">The run row, or null when the run was skipped.</param>
/// <param name="Status">Null when skipped because another sync holds the lease.</param>
/// <param name="Message">One line for people: counts, or why it failed or was skipped.</param>
/// <param name="Meter">What the run cost in requests.</param>
/// <param name="ResumeAt">When an interrupted run should be picked up again (a rate limit reset).</param>
public sealed record SyncOutcome(Guid? RunId, SyncRunStatus? Status, string Message, RequestMeter? Meter, DateTimeOffset? ResumeAt = null)
{
    public bool Skipped => RunId is null;
}
