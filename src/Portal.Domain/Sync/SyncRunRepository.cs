namespace Portal.Domain.Sync;

/// <summary>A repository a run has finished reading; a resumed run skips it.</summary>
public sealed class SyncRunRepository
{
    private SyncRunRepository()
    {
    }

    public SyncRunRepository(Guid runId, long gitHubId)
    {
        RunId = runId;
        GitHubId = gitHubId;
    }

    public Guid RunId { get; private set; }

    public long GitHubId { get; private set; }
}
