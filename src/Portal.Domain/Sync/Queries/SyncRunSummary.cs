namespace Portal.Domain.Sync.Queries;

/// <summary>One row of the sync history.</summary>
public sealed record SyncRunSummary(
    Guid Id, string Scope, SyncTrigger Trigger, string Host, DateTime StartedAt, DateTime? FinishedAt, DateTime HeartbeatAt, SyncRunStatus Status,
    string Phase, int RepositoriesDone, int RepositoriesTotal, int Requests, int NotModified, int Retries, int? RateLimitRemaining,
    DateTime? RateLimitResetAt, int Resumptions, IReadOnlyDictionary<string, SyncCounts> Counts, string? Error, int ErrorCount)
{
    public bool ChangedNothing => Counts.Values.All(c => c.Created == 0 && c.Updated == 0 && c.Orphaned == 0);

    /// <summary>Share of answers that were free 304s, 0–1.</summary>
    public double NotModifiedShare => Requests + NotModified == 0 ? 0 : (double)NotModified / (Requests + NotModified);
}
