using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>One criterion's result for one service, as frozen (signal, level and title are in the snapshot's framework).</summary>
public sealed record SnapshotResult(
    string Criterion,
    CriterionStatus Status,
    string Evidence,
    DateTime EvaluatedAt,
    DateTime? DataAsOf,
    bool Flagged = false,
    string? FlagReason = null,
    bool Upcoming = false,
    CriterionStatus? StatusWithoutExemption = null);
