namespace Portal.Domain.Reviews.Queries;

/// <summary>One closed revision of a review.</summary>
public sealed record SnapshotInfo(Guid Id, int Revision, DateTime TakenAt, string ClosedBy, int Services, int FrameworkVersion);
