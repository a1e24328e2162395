using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>Paged list answer: <c>{items, total, page, pageSize}</c>.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
