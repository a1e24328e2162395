namespace Portal.Domain.Sync.Queries;

/// <summary>A repository a run could not sync.</summary>
public sealed record SyncRunErrorItem(string Repository, string? Path, string Message, DateTime At);
