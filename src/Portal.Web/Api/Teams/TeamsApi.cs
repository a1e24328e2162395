using Portal.Domain.Catalog.Queries;
using Portal.Domain.OnCall.Queries;

namespace Portal.Web.Api.Teams;

/// <summary><c>/api/v1/teams</c>: teams, and who is on call for them.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/teams", ListTeamsAsync).WithName("ListTeams").WithTags("Teams");
        api.MapGet("/teams/{name}", GetTeamAsync).WithName("GetTeam").WithTags("Teams");
        api.MapGet("/teams/{name}/on-call", GetTeamOnCallAsync).WithName("GetTeamOnCall").WithTags("On-call")
            .WithSummary("Who is on call for a team at an instant (default now), per level, with who is next.");
        api.MapGet("/teams/{name}/on-call/schedule", GetTeamScheduleAsync).WithName("GetTeamOnCallSchedule").WithTags("On-call");
        return api;
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
}
