using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Auth;

namespace Portal.Web.Api.Catalog;

/// <summary><c>/api/v1/services</c>: list, read and change services.</summary>
public static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services", ListServicesAsync).WithName("ListServices").WithTags("Services")
            .WithSummary("Services, paged, filtered and sorted in the database.");
        api.MapGet("/services/{name}", GetServiceAsync).WithName("GetService").WithTags("Services");
        api.MapGet("/services/{ns}/{name}", (string ns, string name, CatalogQueries q, OnCallQueries o, TimeProvider c, CancellationToken ct) => GetServiceAsync($"{ns}/{name}", q, o, c, ct))
            .WithName("GetNamespacedService").WithTags("Services");
        api.MapPut("/services/{name}", UpdateServiceAsync).WithName("UpdateService").WithTags("Services")
            .WithSummary("Change a service. Owners and admins only; send the version you read, 409 if someone saved in between.");
        return api;
    }

    internal static async Task<IResult> ListServicesAsync(
        CatalogQueries queries,
        CancellationToken ct,
        int page = 1,
        int pageSize = 25,
        string? q = null,
        string? owner = null,
        int? tier = null,
        string? lifecycle = null,
        string? system = null,
        string? kind = null,
        string? tag = null,
        string? sort = null,
        bool desc = false)
    {
        if (page < 1)
        {
            return ApiProblems.Invalid("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > ServiceQuery.MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"must be between 1 and {ServiceQuery.MaxPageSize}");
        }

        if (tier is < 1 or > 3)
        {
            return ApiProblems.Invalid("tier", "must be 1, 2 or 3");
        }

        if (!string.IsNullOrWhiteSpace(sort) && !ServiceQuery.SortKeys.Contains(sort.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return ApiProblems.Invalid("sort", $"'{sort}' is not one of {string.Join(", ", ServiceQuery.SortKeys)}");
        }

        Lifecycle? parsedLifecycle = null;
        if (!string.IsNullOrWhiteSpace(lifecycle))
        {
            if (!Enum.TryParse<Lifecycle>(lifecycle, ignoreCase: true, out var l))
            {
                return ApiProblems.Invalid("lifecycle", $"'{lifecycle}' is not one of {string.Join(", ", Enum.GetNames<Lifecycle>()).ToLowerInvariant()}");
            }

            parsedLifecycle = l;
        }

        var result = await queries.ListServicesAsync(
            new ServiceQuery
            {
                Page = page,
                PageSize = pageSize,
                Q = q,
                Owner = owner,
                Tier = tier,
                Lifecycle = parsedLifecycle,
                System = system,
                Kind = kind,
                Tag = tag,
                SortBy = sort?.Trim(),
                Descending = desc,
            },
            ct);
        return Results.Ok(new PagedResponse<ServiceSummaryDto>(result.Items, result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> GetServiceAsync(string name, CatalogQueries queries, OnCallQueries onCall, TimeProvider clock, CancellationToken ct)
    {
        if (await queries.GetServiceAsync(name, ct) is not { } service)
        {
            return Results.Problem($"Service '{name}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var pager = service.OnCallTeam ?? service.Owner;
        var now = pager is null ? null : await onCall.ForTeamAsync(EntityRef.Format(pager.Namespace, pager.Name), clock.GetUtcNow(), ct);
        return Results.Ok(service with { OnCall = now });
    }

    internal static async Task<IResult> UpdateServiceAsync(
        string name,
        ServiceUpdateRequest body,
        HttpContext http,
        ActorResolver actors,
        ServiceCommands commands,
        CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var version = await commands.UpdateAsync(
            actor,
            name,
            new ServiceEdit(
                body.Title,
                body.Description,
                body.Kind,
                body.Tier,
                body.Lifecycle,
                body.Owner,
                body.System,
                body.RepositoryUrl,
                body.Tags ?? [],
                [.. (body.Links ?? []).Select(l => new ServiceLink(l.Url, l.Title, l.Type))]),
            body.Version,
            ct);
        return Results.Ok(new { name, version });
    }
}
