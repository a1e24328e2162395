namespace Portal.Domain.Reviews.Snapshots;

/// <summary>A team as a record names it: its reference and its display name at the time.</summary>
public sealed record SnapshotTeamName(string Ref, string Name);
