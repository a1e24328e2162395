namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// Everything a closed review froze besides the per-service rows, stored as one compressed JSON document. The
/// format belongs to reviews (not to the scorecard or debt types it was read from), so those can evolve without
/// breaking old records; <see cref="Format"/> says which shape a document has.
/// </summary>
/// <param name="Format">The shape of this document; 1 today.</param>
/// <param name="Quarter">The review's quarter.</param>
/// <param name="Revision">Which revision of the review closed.</param>
/// <param name="Title">The review's title.</param>
/// <param name="TakenAt">When the data was read (UTC).</param>
/// <param name="ClosedBy">Who closed it (display name).</param>
/// <param name="Scope">The organisation or the teams, by name.</param>
/// <param name="Framework">The framework version and its criteria.</param>
/// <param name="Organisation">Levels of every service in scope.</param>
/// <param name="Teams">Levels and debt per owner team, largest first.</param>
/// <param name="Readiness">How complete the self-assessment was.</param>
/// <param name="Debt">Open debt touching the scope.</param>
/// <param name="Graph">Graph findings touching the scope.</param>
/// <param name="Notes">Findings and decisions, oldest first.</param>
/// <param name="ActionItems">This review's action items as they stood at close.</param>
/// <param name="PreviousActionItems">The previous closed review's action items and whether they were done by this close.</param>
/// <param name="PreviousQuarter">That previous review's quarter; null when there was none.</param>
/// <param name="Initiatives">Active initiatives touching the scope, with their progress at close.</param>
public sealed record SnapshotContent(
    int Format,
    string Quarter,
    int Revision,
    string Title,
    DateTime TakenAt,
    string ClosedBy,
    SnapshotScope Scope,
    SnapshotFramework Framework,
    SnapshotRollup Organisation,
    IReadOnlyList<SnapshotTeam> Teams,
    SnapshotReadiness Readiness,
    SnapshotDebt Debt,
    SnapshotGraph Graph,
    IReadOnlyList<SnapshotNote> Notes,
    IReadOnlyList<SnapshotActionItem> ActionItems,
    IReadOnlyList<SnapshotActionItem> PreviousActionItems,
    string? PreviousQuarter,
    IReadOnlyList<SnapshotInitiative> Initiatives)
{
    public const int CurrentFormat = 1;
}
