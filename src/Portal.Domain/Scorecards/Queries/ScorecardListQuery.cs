using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>Filters and paging of the scorecards list; <see cref="Level"/> applies to <see cref="Signal"/>, or to the overall level without one.</summary>
public sealed record ScorecardListQuery(string? Team = null, ScalingSignal? Signal = null, ScoreLevel? Level = null, int Page = 1, int PageSize = 25)
{
    public const int MaxPageSize = 200;
}
