using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Queries;

/// <summary>One service exactly as a closed review froze it: every result with its evidence, answers and exemptions.</summary>
public sealed record SnapshotServiceView(string Quarter, int Revision, SnapshotServiceRow Service, IReadOnlyList<SnapshotCriterion> Criteria, SnapshotServiceDetail Detail);
