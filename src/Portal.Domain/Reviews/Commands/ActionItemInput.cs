using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Commands;

/// <summary>An action item as a person writes it, teams and services by reference.</summary>
/// <param name="Title">What will be done.</param>
/// <param name="Description">More detail, Markdown.</param>
/// <param name="OwnerTeam">The team that will do it (reference).</param>
/// <param name="DueOn">When it is due.</param>
/// <param name="Signal">The signal it is about, if one.</param>
/// <param name="TargetLevel">The level the signal should reach.</param>
/// <param name="Service">The one service the target is about (reference); none for all the team's services.</param>
public sealed record ActionItemInput(
    string? Title, string? Description, string? OwnerTeam, DateOnly? DueOn, ScalingSignal? Signal = null, ScoreLevel? TargetLevel = null, string? Service = null);
