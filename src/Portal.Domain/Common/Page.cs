namespace Portal.Domain.Common;

/// <summary>One page of results and the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
