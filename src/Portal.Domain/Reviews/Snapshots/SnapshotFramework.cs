namespace Portal.Domain.Reviews.Snapshots;

/// <summary>The framework version a review was closed under, with its criteria copied so the record reads on its own.</summary>
/// <param name="Version">The framework version.</param>
/// <param name="Criteria">Every criterion evaluated, in the order of the service status strings.</param>
public sealed record SnapshotFramework(int Version, IReadOnlyList<SnapshotCriterion> Criteria);
