namespace Portal.Domain.Reviews.Snapshots;

/// <summary>A self-assessed answer as frozen.</summary>
public sealed record SnapshotAnswer(string Criterion, int Maturity, string Note, string? EvidenceUrl, string AnsweredBy, DateTime AnsweredAt, DateTime ExpiresAt);
