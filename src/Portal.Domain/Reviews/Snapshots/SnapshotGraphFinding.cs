namespace Portal.Domain.Reviews.Snapshots;

/// <summary>One graph finding as a review recorded it.</summary>
/// <param name="Kind"><c>cycle</c>, <c>sync-chain</c> or <c>shared-database</c>.</param>
/// <param name="Summary">What was found, in words.</param>
/// <param name="Remedy">A suggested fix.</param>
/// <param name="Services">The services involved that are in scope (at most a few dozen).</param>
public sealed record SnapshotGraphFinding(string Kind, string Summary, string Remedy, IReadOnlyList<string> Services);
