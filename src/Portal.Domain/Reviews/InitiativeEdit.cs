using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews;

/// <summary>What a person sets on an initiative; validated by <see cref="Initiative.Edit"/>.</summary>
/// <param name="Title">The target in words, e.g. "Every tier-1 service at Silver on cascading failures".</param>
/// <param name="Description">Why, and how; Markdown.</param>
/// <param name="Signal">The signal the target is on.</param>
/// <param name="TargetLevel">The level every service in scope should reach on it.</param>
/// <param name="ScopeTeamIds">Teams whose services (sub-teams' too) are in scope; empty for the organisation.</param>
/// <param name="MaxTier">Only services of this tier or more critical (1 = tier 1 only); null for every tier.</param>
/// <param name="OwnerTeamId">The team accountable for it.</param>
/// <param name="StartsOn">When progress is counted from (the burn-up starts here).</param>
/// <param name="DueOn">When the target should be met.</param>
public sealed record InitiativeEdit(
    string? Title,
    string? Description,
    ScalingSignal? Signal,
    ScoreLevel? TargetLevel,
    IReadOnlyCollection<Guid>? ScopeTeamIds,
    int? MaxTier,
    Guid? OwnerTeamId,
    DateOnly? StartsOn,
    DateOnly? DueOn);
