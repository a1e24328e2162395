namespace Portal.Ingest.GitHub;

/// <summary>What a webhook delivery asks Portal to do.</summary>
public enum WebhookWork
{
    None,
    SyncRepository,
    SyncTeams,

    /// <summary>An <c>issues</c> event about a tech-debt issue: bring that one issue into the debt register.</summary>
    SyncIssue,
}
