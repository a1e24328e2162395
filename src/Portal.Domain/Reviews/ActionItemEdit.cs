using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews;

/// <summary>What a person sets on an action item; validated by <see cref="ActionItem.Edit"/>.</summary>
/// <param name="Title">What will be done.</param>
/// <param name="Description">More detail, Markdown.</param>
/// <param name="OwnerTeamId">The team that will do it.</param>
/// <param name="DueOn">When it is due.</param>
/// <param name="Signal">The signal it is about, if one.</param>
/// <param name="TargetLevel">The level the signal should reach; needs <paramref name="Signal"/>.</param>
/// <param name="ServiceId">The one service the target is about; null for every service the owner team owns.</param>
public sealed record ActionItemEdit(
    string? Title,
    string? Description,
    Guid? OwnerTeamId,
    DateOnly? DueOn,
    ScalingSignal? Signal = null,
    ScoreLevel? TargetLevel = null,
    Guid? ServiceId = null);
