namespace Portal.Domain.Catalog.Queries;

/// <summary>Search results of one kind: the best few (<see cref="Hits"/>) and how many match in all (<see cref="Total"/>).</summary>
public sealed record SearchGroupDto(SearchKind Kind, int Total, IReadOnlyList<SearchHitDto> Hits)
{
    /// <summary>How well the group's best hit matched; groups are ordered by it.</summary>
    public MatchRank BestRank => Hits.Count == 0 ? MatchRank.Elsewhere : Hits.Min(h => h.Rank);
}
