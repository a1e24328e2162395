using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Web.Auth;

namespace Portal.Web.Api.Debt;

/// <summary>
/// <c>/api/v1/teams/{name}/capacity</c>: a team's capacity for debt in a quarter — capacity, the debt share, planned
/// and done effort, the gap and the unaddressed cost of delay (docs/risk-scoring.md, "Capacity").
/// </summary>
public static class CapacityApi
{
    public static RouteGroupBuilder MapCapacityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/teams/{name}/capacity", GetAsync).WithName("GetTeamCapacity").WithTags("Debt")
            .WithSummary("A team's debt capacity for a quarter (default: the current one): capacity, share, planned, done, gap, standing.");
        api.MapPut("/teams/{name}/capacity", PutAsync).WithName("SetTeamCapacity").WithTags("Debt")
            .WithSummary("Set a team's capacity and debt share for a quarter (editors of the team, admins). Send the version you read; 409 if someone saved in between.");
        return api;
    }

    internal static async Task<IResult> GetAsync(string name, CapacityQueries queries, TimeProvider clock, CancellationToken ct, string? quarter = null)
    {
        if (ParseQuarter(quarter, clock) is not { } q)
        {
            return ApiProblems.Invalid("quarter", $"'{quarter}' is not a quarter like 2027-Q1");
        }

        return await queries.TeamAsync(name, q, ct) is { } plan ? Results.Ok(plan) : TeamNotFound(name);
    }

    internal static async Task<IResult> PutAsync(
        string name, CapacityRequest body, HttpContext http, ActorResolver actors, CapacityCommands commands, CapacityQueries queries, TimeProvider clock, CancellationToken ct, string? quarter = null)
    {
        if (ParseQuarter(quarter, clock) is not { } q)
        {
            return ApiProblems.Invalid("quarter", $"'{quarter}' is not a quarter like 2027-Q1");
        }

        if (body.People is not { } people)
        {
            return ApiProblems.Invalid("people", "is required");
        }

        var mode = DebtAllocationMode.EverySprint;
        if (!string.IsNullOrWhiteSpace(body.Mode) && !DebtEnums.TryParse(body.Mode, out mode))
        {
            return ApiProblems.Invalid("mode", $"'{body.Mode}' is not every-sprint or dedicated-sprint");
        }

        if (await queries.TeamAsync(name, q, ct) is null)
        {
            return TeamNotFound(name);
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        var edit = new CapacityEdit(people, body.WorkingDays ?? q.Weekdays, body.DebtSharePercent ?? TeamCapacity.DefaultDebtSharePercent, mode);
        await commands.SetAsync(actor, name, q, edit, body.Version, ct);
        return Results.Ok(await queries.TeamAsync(name, q, ct));
    }

    private static Quarter? ParseQuarter(string? text, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(text) ? Quarter.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        : Quarter.TryParse(text, out var q) ? q : null;

    private static IResult TeamNotFound(string name) =>
        Results.Problem($"Team '{name}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
