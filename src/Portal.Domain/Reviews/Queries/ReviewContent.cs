using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Queries;

/// <summary>
/// What a review looked at, in one shape for both cases: the frozen record of a closed revision, or for an open
/// review the same computed live from today's data.
/// </summary>
/// <param name="Content">The content.</param>
/// <param name="Live">True when computed now (open review); false for a closed record.</param>
/// <param name="SnapshotId">The snapshot, when closed.</param>
public sealed record ReviewContent(SnapshotContent Content, bool Live, Guid? SnapshotId);
