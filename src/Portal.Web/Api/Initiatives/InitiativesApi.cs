using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Auth;

namespace Portal.Web.Api.Initiatives;

/// <summary><c>/api/v1/initiatives</c>: targets for a scope by a date, with progress counted from the scorecards.</summary>
public static class InitiativesApi
{
    public static RouteGroupBuilder MapInitiativesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/initiatives", ListAsync).WithName("ListInitiatives").WithTags("Initiatives")
            .WithSummary("Initiatives, paged (active first, then by due date), with progress now (met/total) and whether they are on track; filter by status, owner team and signal.");
        api.MapPost("/initiatives", CreateAsync).WithName("CreateInitiative").WithTags("Initiatives")
            .WithSummary("Create an initiative, optionally grown out of a review action item (fromActionItem). Admins and editors of the owner team.");
        api.MapGet("/initiatives/{id:guid}", GetAsync).WithName("GetInitiative").WithTags("Initiatives")
            .WithSummary("One initiative with its burn-up (day by day from the start) and the services still short. The ETag is its version.");
        api.MapPut("/initiatives/{id:guid}", UpdateAsync).WithName("UpdateInitiative").WithTags("Initiatives")
            .WithSummary("Change an initiative (the whole of it: teams is required, [] for the organisation). If-Match with the version you read is required (428 without it, 409 when it changed since).");
        api.MapPost("/initiatives/{id:guid}/status", SetStatusAsync).WithName("SetInitiativeStatus").WithTags("Initiatives")
            .WithSummary("Mark an initiative active, completed or cancelled. If-Match with the version you read is required.");
        return api;
    }

    internal static async Task<IResult> ListAsync(InitiativeQueries queries, CancellationToken ct, string? status = null, string? team = null, int page = 1, int pageSize = 25, string? signal = null)
    {
        InitiativeStatus? parsed = string.IsNullOrWhiteSpace(status) ? null : DebtEnums.Parse<InitiativeStatus>(status, "status");
        ScalingSignal? onSignal = string.IsNullOrWhiteSpace(signal) ? null
            : ScalingSignals.TryParse(signal, out var s) ? s
            : throw new DomainValidationException("signal", $"'{signal}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}");
        var result = await queries.ListAsync(new InitiativeFilter(parsed, team, page, pageSize, onSignal), ct);
        return Results.Ok(new PagedResponse<InitiativeSummary>(result.Items, result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> CreateAsync(InitiativeRequest body, InitiativeCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var id = await commands.CreateAsync(actor, Input(body), body.FromActionItem, body.ActionItemVersion, ct);
        return Results.Created($"/api/v1/initiatives/{id}", new { id });
    }

    internal static async Task<IResult> GetAsync(Guid id, InitiativeQueries queries, HttpContext http, CancellationToken ct)
    {
        var view = await queries.GetAsync(id, ct);
        if (view is null)
        {
            return NotFound(id);
        }

        http.Response.Headers.ETag = $"\"{view.Summary.Version}\"";
        return Results.Ok(view);
    }

    internal static async Task<IResult> UpdateAsync(Guid id, InitiativeRequest body, InitiativeCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        if (Version(http) is not { } version)
        {
            return VersionProblem(http);
        }

        // PUT replaces the whole initiative: a body that leaves teams out would silently widen it to the organisation.
        if (body.Teams is null)
        {
            throw new DomainValidationException("teams", "is required when changing an initiative: list the teams in scope, or send [] for the whole organisation");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        var saved = await commands.UpdateAsync(actor, id, Input(body), version, ct);
        http.Response.Headers.ETag = $"\"{saved}\"";
        return Results.Ok(new { id, version = saved });
    }

    internal static async Task<IResult> SetStatusAsync(Guid id, InitiativeStatusRequest body, InitiativeCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        if (Version(http) is not { } version)
        {
            return VersionProblem(http);
        }

        var status = DebtEnums.Parse<InitiativeStatus>(body.Status, "status");
        var actor = await actors.ResolveAsync(http.User, ct);
        var saved = await commands.SetStatusAsync(actor, id, status, version, ct);
        http.Response.Headers.ETag = $"\"{saved}\"";
        return Results.Ok(new { id, version = saved });
    }

    private static InitiativeInput Input(InitiativeRequest body)
    {
        ScalingSignal? signal = null;
        if (!string.IsNullOrWhiteSpace(body.Signal))
        {
            signal = ScalingSignals.TryParse(body.Signal, out var s) ? s
                : throw new DomainValidationException("signal", $"'{body.Signal}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}");
        }

        ScoreLevel? level = string.IsNullOrWhiteSpace(body.TargetLevel) ? null : DebtEnums.Parse<ScoreLevel>(body.TargetLevel, "targetLevel");
        return new InitiativeInput(body.Title, body.Description, signal, level, body.Teams, body.MaxTier, body.OwnerTeam, body.StartsOn, body.DueOn);
    }

    /// <summary>The version in If-Match (<c>"3"</c> or <c>3</c>); null when missing or not a number.</summary>
    private static int? Version(HttpContext http)
    {
        var match = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        return int.TryParse(match, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static IResult VersionProblem(HttpContext http) =>
        http.Request.Headers.IfMatch.Count == 0
            ? Results.Problem(
                "Send If-Match with the initiative's version you read (GET /api/v1/initiatives/{id} returns it as the ETag and as summary.version).",
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Version required")
            : ApiProblems.Invalid("If-Match", $"'{http.Request.Headers.IfMatch}' is not an initiative version");

    private static IResult NotFound(Guid id) =>
        Results.Problem($"There is no initiative '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
