namespace Portal.Domain.Reviews.Snapshots;

/// <summary>Dependency-graph findings that touch a review's scope: how many of each kind, and the worst few of each.</summary>
/// <param name="Cycles">Dependency cycles with a member in scope.</param>
/// <param name="SyncChains">Long synchronous chains passing through the scope.</param>
/// <param name="SharedDatabases">Resources shared by several services, one of them in scope.</param>
/// <param name="Findings">The findings themselves, worst first within each kind.</param>
public sealed record SnapshotGraph(int Cycles, int SyncChains, int SharedDatabases, IReadOnlyList<SnapshotGraphFinding> Findings)
{
    public static SnapshotGraph None { get; } = new(0, 0, 0, []);
}
