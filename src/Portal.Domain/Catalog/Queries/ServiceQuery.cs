namespace Portal.Domain.Catalog.Queries;

/// <summary>Filters, sort and page for the services list; every part is applied in SQL.</summary>
public sealed record ServiceQuery
{
    public const int MaxPageSize = 200;

    /// <summary>What <see cref="SortBy"/> understands (case does not matter); anything else sorts by name.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["name", "title", "tier", "lifecycle", "kind", "owner", "system", "updated"];

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;

    public string? Q { get; init; }

    public string? Owner { get; init; }

    public int? Tier { get; init; }

    public Lifecycle? Lifecycle { get; init; }

    public string? System { get; init; }

    public string? Kind { get; init; }

    public string? Tag { get; init; }

    /// <summary>name, title, tier, lifecycle, kind, owner, system or updated.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }
}
