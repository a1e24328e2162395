namespace Portal.Domain.Reviews;

/// <summary>A service in a review's scope, with its owner team resolved.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="Ref">Its reference.</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="TeamId">The owner team's id; null when none.</param>
/// <param name="Team">The owner team's reference.</param>
/// <param name="TeamName">The owner team's display name.</param>
/// <param name="Tier">1 is most critical.</param>
public sealed record ScopeService(Guid Id, string Ref, string DisplayName, Guid? TeamId, string? Team, string? TeamName, int Tier);
