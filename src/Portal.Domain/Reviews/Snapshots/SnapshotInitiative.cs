using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>An initiative's progress as a review recorded it.</summary>
/// <param name="Id">The initiative's id.</param>
/// <param name="Title">The target in words.</param>
/// <param name="Signal">The signal.</param>
/// <param name="TargetLevel">The level.</param>
/// <param name="OwnerTeam">The accountable team's display name.</param>
/// <param name="DueOn">When it should be met.</param>
/// <param name="Status">Active, completed or cancelled then.</param>
/// <param name="Met">Services in its scope meeting the target.</param>
/// <param name="Total">Services in its scope.</param>
public sealed record SnapshotInitiative(
    Guid Id, string Title, ScalingSignal Signal, ScoreLevel TargetLevel, string OwnerTeam, DateOnly DueOn, InitiativeStatus Status, int Met, int Total);
