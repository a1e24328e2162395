namespace Portal.Domain.Reviews.Snapshots;

/// <summary>What a review covered: the whole organisation, or these teams (with their sub-teams).</summary>
/// <param name="Organisation">True for the whole organisation.</param>
/// <param name="Teams">The teams named (reference and display name); empty for the organisation.</param>
public sealed record SnapshotScope(bool Organisation, IReadOnlyList<SnapshotTeamName> Teams)
{
    /// <summary>The scope in words.</summary>
    public string Describe() => Organisation ? "the whole organisation" : string.Join(", ", Teams.Select(t => t.Name));
}
