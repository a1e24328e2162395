using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>An action item as it stood when a review closed.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Title">What was to be done.</param>
/// <param name="Team">The owner team's display name.</param>
/// <param name="TeamRef">The owner team's reference.</param>
/// <param name="DueOn">When it was due.</param>
/// <param name="Signal">Its signal, if any.</param>
/// <param name="TargetLevel">The level the signal should reach, if any.</param>
/// <param name="Service">The one service the target is about, if any.</param>
/// <param name="Status">Open, done or dropped then.</param>
/// <param name="ClosedOn">When it was done or dropped.</param>
/// <param name="StatusNote">How it was done, or why dropped.</param>
/// <param name="TargetMet">Services meeting the target then, of <paramref name="TargetServices"/>; null without a target.</param>
/// <param name="TargetServices">Services the target applies to.</param>
/// <param name="DebtItemId">The debt item it became.</param>
/// <param name="InitiativeId">The initiative it grew into.</param>
public sealed record SnapshotActionItem(
    Guid Id,
    string Title,
    string Team,
    string TeamRef,
    DateOnly DueOn,
    ScalingSignal? Signal,
    ScoreLevel? TargetLevel,
    string? Service,
    ActionItemStatus Status,
    DateOnly? ClosedOn,
    string? StatusNote,
    int? TargetMet,
    int TargetServices,
    Guid? DebtItemId,
    Guid? InitiativeId);
