namespace Portal.Domain.Reviews.Commands;

/// <summary>What a close did: the snapshot written, how many services it froze and how long it took.</summary>
public sealed record ReviewCloseResult(Guid SnapshotId, string Quarter, int Revision, int Services, TimeSpan Elapsed);
