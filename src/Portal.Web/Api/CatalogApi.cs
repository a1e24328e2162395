using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Api;

/// <summary>Paged list answer: <c>{items, total, page, pageSize}</c>.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>Body of <c>PUT /api/v1/services/{name}</c>; <see cref="Version"/> is the one you read.</summary>
public sealed record ServiceUpdateRequest(
    string? Title,
    string? Description,
    string? Kind,
    int Tier,
    Lifecycle Lifecycle,
    string? Owner,
    string? System,
    string? RepositoryUrl,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<LinkDto>? Links,
    int Version);

/// <summary>A person with their teams and on-call duty.</summary>
public sealed record PersonResponse(PersonDetailsDto Person, IReadOnlyList<PersonOnCallDto> OnCall);

/// <summary><c>/api/v1</c>: services and teams.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthHosting.ApiPolicy)
            .AddEndpointFilter<DomainExceptionFilter>()
            .DisableAntiforgery();

        api.MapGet("/services", ListServicesAsync).WithName("ListServices").WithTags("Services")
            .WithSummary("Services, paged, filtered and sorted in the database.");
        api.MapGet("/services/{name}", GetServiceAsync).WithName("GetService").WithTags("Services");
        api.MapGet("/services/{ns}/{name}", (string ns, string name, CatalogQueries q, OnCallQueries o, TimeProvider c, CancellationToken ct) => GetServiceAsync($"{ns}/{name}", q, o, c, ct))
            .WithName("GetNamespacedService").WithTags("Services");
        api.MapPut("/services/{name}", UpdateServiceAsync).WithName("UpdateService").WithTags("Services")
            .WithSummary("Change a service. Owners and admins only; send the version you read, 409 if someone saved in between.");
        api.MapGet("/teams", ListTeamsAsync).WithName("ListTeams").WithTags("Teams");
        api.MapGet("/teams/{name}", GetTeamAsync).WithName("GetTeam").WithTags("Teams");
        api.MapGet("/teams/{name}/on-call", GetTeamOnCallAsync).WithName("GetTeamOnCall").WithTags("On-call")
            .WithSummary("Who is on call for a team at an instant (default now), per level, with who is next.");
        api.MapGet("/teams/{name}/on-call/schedule", GetTeamScheduleAsync).WithName("GetTeamOnCallSchedule").WithTags("On-call");
        api.MapGet("/people/{name}", GetPersonAsync).WithName("GetPerson").WithTags("People")
            .WithSummary("A person with their teams and the rotations they are on call for now or in the next four weeks.");
        api.MapCatalogFilesApi();
        api.MapGraphApi();
        api.MapDebtApi();
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
                SortBy = sort,
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

    internal static async Task<IResult> GetTeamOnCallAsync(string name, OnCallQueries onCall, TimeProvider clock, CancellationToken ct, string? at = null)
    {
        DateTimeOffset instant;
        if (string.IsNullOrWhiteSpace(at))
        {
            instant = clock.GetUtcNow();
        }
        else if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out instant))
        {
            return ApiProblems.Invalid("at", $"'{at}' is not an ISO-8601 instant, e.g. 2026-11-26T09:00:00Z");
        }

        return Results.Ok(await onCall.ForTeamAsync(name, instant, ct));
    }

    internal static async Task<IResult> GetTeamScheduleAsync(string name, OnCallQueries onCall, TimeProvider clock, CancellationToken ct, int weeks = 4)
    {
        if (weeks is < 1 or > OnCallQueries.MaxScheduleWeeks)
        {
            return ApiProblems.Invalid("weeks", $"must be between 1 and {OnCallQueries.MaxScheduleWeeks}");
        }

        return Results.Ok(await onCall.ScheduleAsync(name, clock.GetUtcNow(), weeks, ct));
    }

    internal static async Task<IResult> GetPersonAsync(string name, CatalogQueries queries, OnCallQueries onCall, TimeProvider clock, CancellationToken ct)
    {
        if (await queries.GetPersonAsync(name, ct) is not { } person)
        {
            return Results.Problem($"Person '{name}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return Results.Ok(new PersonResponse(person, await onCall.ForPersonAsync(name, clock.GetUtcNow(), ct)));
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

    internal static async Task<IResult> ListTeamsAsync(CatalogQueries queries, CancellationToken ct, int page = 1, int pageSize = 25, string? q = null)
    {
        if (page < 1)
        {
            return ApiProblems.Invalid("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > ServiceQuery.MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"must be between 1 and {ServiceQuery.MaxPageSize}");
        }

        var result = await queries.ListTeamsAsync(q, page, pageSize, ct);
        return Results.Ok(new PagedResponse<TeamSummaryDto>(result.Items, result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> GetTeamAsync(string name, CatalogQueries queries, CancellationToken ct) =>
        await queries.GetTeamAsync(name, ct) is { } team
            ? Results.Ok(team)
            : Results.Problem($"Team '{name}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
