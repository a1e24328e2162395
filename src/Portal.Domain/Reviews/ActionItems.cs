using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews;

/// <summary>Action items as records and pages show them: with names resolved and their target counted.</summary>
internal static class ActionItems
{
    /// <summary>
    /// The item as it stands, with <see cref="SnapshotActionItem.TargetMet"/> counted over <paramref name="services"/>:
    /// the one service it names, or every service of its owner team.
    /// </summary>
    public static SnapshotActionItem ToSnapshot(ActionItem a, IReadOnlyDictionary<Guid, TeamInfo> teams, IReadOnlyDictionary<Guid, string> serviceRefs, IEnumerable<ReviewSnapshotService> services)
    {
        var team = teams.TryGetValue(a.OwnerTeamId, out var t) ? t : null;
        var service = a.ServiceId is { } sid ? serviceRefs.GetValueOrDefault(sid) : null;
        int? met = null;
        var total = 0;
        if (a.Signal is { } signal && a.TargetLevel is { } level)
        {
            var targets = services.Where(s => service is not null ? s.Service == service : s.Team == team?.Ref).ToList();
            total = targets.Count;
            met = targets.Count(s => LevelDigits.Level(s.Levels, signal) >= level);
        }

        return new SnapshotActionItem(
            a.Id, a.Title, team?.Name ?? "(team gone)", team?.Ref ?? "", a.DueOn, a.Signal, a.TargetLevel, service, a.Status, a.ClosedOn, a.StatusNote, met, total, a.DebtItemId, a.InitiativeId);
    }
}
