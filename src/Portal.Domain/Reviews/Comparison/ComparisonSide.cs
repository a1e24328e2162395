using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Comparison;

/// <summary>One side of a comparison.</summary>
/// <param name="Label">What people call it: the quarter (<c>2026-Q3</c>) or "now".</param>
/// <param name="Quarter">The closed review's quarter; null for now.</param>
/// <param name="At">When its data was read (UTC).</param>
/// <param name="FrameworkVersion">The framework version its results were evaluated under.</param>
/// <param name="Criteria">Criteria in the order of <see cref="ServiceState.Statuses"/>.</param>
/// <param name="Services">Every service in its scope.</param>
public sealed record ComparisonSide(string Label, string? Quarter, DateTime At, int FrameworkVersion, IReadOnlyList<SnapshotCriterion> Criteria, IReadOnlyList<ServiceState> Services);
