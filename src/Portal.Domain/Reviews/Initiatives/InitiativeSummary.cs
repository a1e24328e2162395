using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>An initiative as lists show it, with its progress counted from today's scorecards.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">The target in words.</param>
/// <param name="Signal">The signal of the target.</param>
/// <param name="TargetLevel">The level every service in scope should reach.</param>
/// <param name="OwnerTeam">The owner team's reference.</param>
/// <param name="OwnerTeamName">The owner team's display name.</param>
/// <param name="ScopeTeams">Teams in scope (display names; sub-teams are included); empty for the organisation.</param>
/// <param name="MaxTier">Only services of this tier or more critical; null for every tier.</param>
/// <param name="StartsOn">When progress is counted from.</param>
/// <param name="DueOn">When the target should be met.</param>
/// <param name="Status">Active, completed or cancelled.</param>
/// <param name="Met">Services in scope meeting the target now.</param>
/// <param name="Total">Services in scope now.</param>
/// <param name="OnTrack">Whether progress keeps up with a straight line to every service by the due date (<see cref="InitiativeBurnUp.IsOnTrack"/>).</param>
/// <param name="FromActionItemId">The review action item it grew out of, if any.</param>
/// <param name="Version">For If-Match on changes.</param>
public sealed record InitiativeSummary(
    Guid Id,
    string Title,
    ScalingSignal Signal,
    ScoreLevel TargetLevel,
    string OwnerTeam,
    string OwnerTeamName,
    IReadOnlyList<string> ScopeTeams,
    int? MaxTier,
    DateOnly StartsOn,
    DateOnly DueOn,
    InitiativeStatus Status,
    int Met,
    int Total,
    bool OnTrack,
    Guid? FromActionItemId,
    int Version);
