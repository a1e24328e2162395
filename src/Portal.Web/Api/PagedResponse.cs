namespace Portal.Web.Api;

/// <summary>Paged list answer: <c>{items, total, page, pageSize}</c>.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
