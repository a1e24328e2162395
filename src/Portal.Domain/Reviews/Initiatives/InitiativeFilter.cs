using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Initiatives;

/// <summary>What the initiative list shows.</summary>
/// <param name="Status">Only this status; null for every status.</param>
/// <param name="OwnerTeam">Only initiatives owned by this team (reference); null for every team.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Rows per page (1 to <see cref="MaxPageSize"/>).</param>
/// <param name="Signal">Only initiatives on this signal; null for every signal.</param>
public sealed record InitiativeFilter(InitiativeStatus? Status = null, string? OwnerTeam = null, int Page = 1, int PageSize = 25, ScalingSignal? Signal = null)
{
    public const int MaxPageSize = 100;
}
