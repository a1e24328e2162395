using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>An exemption as frozen.</summary>
public sealed record SnapshotExemption(string Criterion, string Reason, DateOnly? EndsOn, ExemptionStatus Status, string RequestedBy, string? DecidedBy);
