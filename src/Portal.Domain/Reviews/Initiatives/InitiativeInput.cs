using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>An initiative as a person or the API submits it, teams by reference.</summary>
/// <param name="Title">The target in words.</param>
/// <param name="Description">Why and how; Markdown.</param>
/// <param name="Signal">The signal of the target.</param>
/// <param name="TargetLevel">Bronze, Silver or Gold.</param>
/// <param name="Teams">Teams in scope (references); empty for the organisation.</param>
/// <param name="MaxTier">Only services of this tier or more critical; null for every tier.</param>
/// <param name="OwnerTeam">The accountable team (reference).</param>
/// <param name="StartsOn">When progress is counted from; today when empty.</param>
/// <param name="DueOn">When the target should be met.</param>
public sealed record InitiativeInput(
    string? Title,
    string? Description,
    ScalingSignal? Signal,
    ScoreLevel? TargetLevel,
    IReadOnlyList<string>? Teams,
    int? MaxTier,
    string? OwnerTeam,
    DateOnly? StartsOn,
    DateOnly? DueOn);
