namespace Portal.Domain.Sync;

/// <summary>How a sync run ended, or that it is still going.</summary>
public enum SyncRunStatus
{
    Running,

    /// <summary>Every repository was read and applied.</summary>
    Succeeded,

    /// <summary>Finished, but some repositories could not be read; their previous data was kept.</summary>
    SucceededWithErrors,

    /// <summary>Nothing was applied (e.g. the token was refused); the catalog is unchanged.</summary>
    Failed,

    /// <summary>Stopped before the end (crash, deploy, rate limit); the next run resumes it.</summary>
    Interrupted,
}
