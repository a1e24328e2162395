namespace Portal.Ingest.GitHub;

/// <summary>The outcome of receiving one delivery: its HTTP status and what was queued.</summary>
public sealed record WebhookResult(
    int StatusCode, string Message, WebhookWork Work = WebhookWork.None, string? Organization = null, string? Repository = null, int? Issue = null, long? IssueId = null);
