using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Queries;

/// <summary>An action item as pages and the API show it, with its target counted from today's scorecards.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Quarter">The review it came from.</param>
/// <param name="Title">What will be done.</param>
/// <param name="Description">Markdown.</param>
/// <param name="Team">Owner team's reference.</param>
/// <param name="TeamName">Owner team's display name.</param>
/// <param name="DueOn">When it is due.</param>
/// <param name="Signal">The signal, if any.</param>
/// <param name="TargetLevel">The level to reach, if any.</param>
/// <param name="Service">The one service the target is about (reference), if any.</param>
/// <param name="ServiceName">Its display name.</param>
/// <param name="Status">Open, done or dropped.</param>
/// <param name="StatusNote">How it was done, or why it was dropped.</param>
/// <param name="ClosedOn">When it was done or dropped.</param>
/// <param name="Missed">Open and past its due date.</param>
/// <param name="TargetMet">Services meeting the target today; null without a target.</param>
/// <param name="TargetServices">Services the target applies to.</param>
/// <param name="DebtItemId">The debt item it became.</param>
/// <param name="InitiativeId">The initiative it grew into.</param>
/// <param name="Version">Send it back when changing the item.</param>
/// <param name="OwnerTeamId">The owner team's id (who may change the item: <see cref="Commands.ReviewPermissions.MayChangeActionItem"/>).</param>
public sealed record ActionItemDto(
    Guid Id,
    string Quarter,
    string Title,
    string? Description,
    string? Team,
    string TeamName,
    DateOnly DueOn,
    ScalingSignal? Signal,
    ScoreLevel? TargetLevel,
    string? Service,
    string? ServiceName,
    ActionItemStatus Status,
    string? StatusNote,
    DateOnly? ClosedOn,
    bool Missed,
    int? TargetMet,
    int TargetServices,
    Guid? DebtItemId,
    Guid? InitiativeId,
    int Version,
    Guid? OwnerTeamId = null);
