namespace Portal.Domain.Sync;

/// <summary>What started a run.</summary>
public enum SyncTrigger
{
    Schedule,
    Manual,
    Cli,
    Webhook,
}
