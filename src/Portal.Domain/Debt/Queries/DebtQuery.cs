using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>A page of the register: filters, sort and paging, all applied in SQL.</summary>
public sealed record DebtQuery
{
    public const int MaxPageSize = 200;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;

    /// <summary>Words in the title, the outcome or the description.</summary>
    public string? Q { get; init; }

    /// <summary>Owner team reference.</summary>
    public string? Team { get; init; }

    /// <summary>An affected service's reference.</summary>
    public string? Service { get; init; }

    public ScalingSignal? Signal { get; init; }

    public DebtKind? Kind { get; init; }

    public DebtQuadrant? Quadrant { get; init; }

    /// <summary><c>open</c> (the default: every status but Done and Won't fix), <c>closed</c>, <c>all</c>, or one status.</summary>
    public string? Status { get; init; }

    /// <summary>Target quarter, like <c>2026-Q4</c>.</summary>
    public string? Quarter { get; init; }

    /// <summary><c>github</c>: items mirroring a GitHub issue; <c>portal</c>: the rest; empty: both.</summary>
    public string? Source { get; init; }

    /// <summary><c>priority</c> (default), <c>costOfDelay</c>, <c>effort</c>, <c>interest</c>, <c>title</c>, <c>status</c>, <c>payBackBy</c>, <c>quarter</c>, <c>updated</c>, <c>created</c>.</summary>
    public string? Sort { get; init; }

    /// <summary>Null: numbers and dates largest first, text A to Z.</summary>
    public bool? Descending { get; init; }
}
