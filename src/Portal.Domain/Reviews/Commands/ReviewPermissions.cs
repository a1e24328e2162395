using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Commands;

/// <summary>Who may do what with reviews.</summary>
public static class ReviewPermissions
{
    /// <summary>
    /// Run a review (record findings, decisions and action items, close it): admins; editors too, for an organisation
    /// review or one whose scope includes one of their teams. Viewers read.
    /// </summary>
    public static bool MayRun(Actor actor, IReadOnlyCollection<Guid> expandedScope) =>
        actor.IsAdmin || (actor.Role == PortalRole.Editor && (expandedScope.Count == 0 || expandedScope.Any(actor.TeamIds.Contains)));

    /// <summary>Create a review for a scope: admins; editors when every named team is one of theirs (an organisation review needs an admin).</summary>
    public static bool MayCreate(Actor actor, IReadOnlyCollection<Guid> namedTeams) =>
        actor.IsAdmin || (actor.Role == PortalRole.Editor && namedTeams.Count > 0 && namedTeams.All(actor.TeamIds.Contains));

    /// <summary>
    /// Change or delete a note of a review the actor may run: admins; editors for a note about one of their teams, or
    /// a note about no team that they wrote. In an organisation review every editor runs it, so this keeps each team's
    /// findings and decisions theirs.
    /// </summary>
    public static bool MayChangeNote(Actor actor, Guid? noteTeamId, string createdBy) =>
        actor.IsAdmin || (actor.Role == PortalRole.Editor && (noteTeamId is { } team ? actor.TeamIds.Contains(team) : actor.Is(createdBy)));

    /// <summary>Change or delete an action item of a review the actor may run: admins; editors of its owner team.</summary>
    public static bool MayChangeActionItem(Actor actor, Guid ownerTeamId) => actor.CanEdit(ownerTeamId);

    /// <summary>
    /// Mark an action item done, dropped or open again: admins and editors of its owner team. Running a review is not
    /// enough: in an organisation review every editor runs it, and dropping another team's item would take it off
    /// that team's list as surely as deleting it.
    /// </summary>
    public static bool MayUpdateStatus(Actor actor, Guid ownerTeamId) => actor.CanEdit(ownerTeamId);
}
