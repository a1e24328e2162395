using System.Text.Json;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Debt;
using Portal.Domain.Signals;
using Portal.Web.Auth;

namespace Portal.Web.Api.Debt;

/// <summary><c>/api/v1/debt</c>: the tech-debt register. Every item carries its cost of delay, priority and their explanation.</summary>
public static class DebtApi
{
    public static RouteGroupBuilder MapDebtApi(this RouteGroupBuilder api)
    {
        api.MapGet("/debt", ListAsync).WithName("ListDebt").WithTags("Debt")
            .WithSummary("Debt items, paged, filtered and sorted in the database (by priority unless said otherwise); open items unless status says otherwise.");
        api.MapGet("/debt/{id:guid}", GetAsync).WithName("GetDebtItem").WithTags("Debt")
            .WithSummary("One debt item with its reports of pain and the explanation of its cost of delay and priority.");
        api.MapGet("/debt/{id:guid}/history", HistoryAsync).WithName("GetDebtItemHistory").WithTags("Debt")
            .WithSummary("Who changed what on a debt item, newest first.");
        api.MapPost("/debt", CreateAsync).WithName("CreateDebtItem").WithTags("Debt")
            .WithSummary("Log a debt item (editors, for services their teams own; admins), or accept a suggestion by sending its findingKey. 409 with the similar items when one with the same title affects the same service, unless allowDuplicate=true.");
        api.MapMethods("/debt/{id:guid}", ["PATCH"], PatchAsync).WithName("UpdateDebtItem").WithTags("Debt")
            .WithSummary("Change some fields of a debt item. Send the version you read; 409 if someone saved in between.");
        api.MapPost("/debt/{id:guid}/reports", AddReportAsync).WithName("AddDebtReport").WithTags("Debt")
            .WithSummary("Add a report of pain (anyone with a token, viewers included): at most 40 h a report and 10 reports a person a day.");
        api.MapPost("/debt/{id:guid}/reports/{reportId:guid}/removal", RemoveReportAsync).WithName("RemoveDebtReport").WithTags("Debt")
            .WithSummary("Dispute a report of pain with a reason (editors of the owning team, admins): it stays listed and stops counting towards interest.");
        api.MapPost("/debt/{id:guid}/stop-following", StopFollowingAsync).WithName("StopFollowingGitHubIssue").WithTags("Debt")
            .WithSummary("Stop a debt item following its GitHub issue (admins): it becomes Portal's own and the sync leaves it alone. Send the version you read; 409 if someone saved in between, 400 when it follows no issue.");
        return api;
    }

    internal static async Task<IResult> ListAsync(
        DebtQueries queries,
        CancellationToken ct,
        int page = 1,
        int pageSize = 25,
        string? q = null,
        string? service = null,
        string? team = null,
        string? status = null,
        string? signal = null,
        string? kind = null,
        string? quadrant = null,
        string? quarter = null,
        string? sort = null,
        bool? desc = null,
        string? source = null)
    {
        if (page < 1)
        {
            return ApiProblems.Invalid("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > DebtQuery.MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"must be between 1 and {DebtQuery.MaxPageSize}");
        }

        ScalingSignal? parsedSignal = null;
        if (!string.IsNullOrWhiteSpace(signal))
        {
            if (!ScalingSignals.TryParse(signal, out var s))
            {
                return ApiProblems.Invalid("signal", $"'{signal}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}");
            }

            parsedSignal = s;
        }

        var result = await queries.ListAsync(
            new DebtQuery
            {
                Page = page,
                PageSize = pageSize,
                Q = q,
                Service = service,
                Team = team,
                Status = status,
                Signal = parsedSignal,
                Kind = string.IsNullOrWhiteSpace(kind) ? null : DebtEnums.Parse<DebtKind>(kind, "kind"),
                Quadrant = string.IsNullOrWhiteSpace(quadrant) ? null : DebtEnums.Parse<DebtQuadrant>(quadrant, "quadrant"),
                Quarter = quarter,
                Source = source,
                Sort = sort,
                Descending = desc,
            },
            ct);
        return Results.Ok(new PagedResponse<DebtItemSummaryDto>(result.Items, result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> GetAsync(Guid id, DebtQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } item ? Results.Ok(item) : NotFound(id);

    internal static async Task<IResult> HistoryAsync(Guid id, DebtQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is null ? NotFound(id) : Results.Ok(await queries.HistoryAsync(id, ct: ct));

    internal static async Task<IResult> CreateAsync(
        DebtItemRequest body, HttpContext http, ActorResolver actors, DebtCommands commands, DebtQueries queries, DebtCandidateQueries candidates, TimeProvider clock,
        CancellationToken ct, bool allowDuplicate = false)
    {
        var (edit, parsing) = DebtPatch.ToEdit(body);
        if (Problems(edit, clock, parsing: parsing) is { } invalid)
        {
            return invalid;
        }

        // Only a current suggestion can be accepted through the API; the drafts of scorecards and reviews have their own paths.
        if (edit.FindingKey is { } finding && await candidates.FindAsync(finding, ct) is null)
        {
            return ApiProblems.Invalid("findingKey", $"'{finding}' is not a current suggestion: it was accepted or dismissed already, or the finding is gone (see GET /api/v1/debt/candidates)");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        try
        {
            var (id, _) = await commands.CreateAsync(actor, edit, allowDuplicate, ct);
            return Results.Created($"/api/v1/debt/{id}", await queries.GetAsync(id, ct));
        }
        catch (DuplicateDebtException ex)
        {
            return Duplicate(ex);
        }
    }

    internal static async Task<IResult> PatchAsync(
        Guid id, JsonElement body, HttpContext http, ActorResolver actors, DebtCommands commands, DebtQueries queries, TimeProvider clock, CancellationToken ct, bool allowDuplicate = false)
    {
        if (await queries.GetAsync(id, ct) is not { } current)
        {
            return NotFound(id);
        }

        var (edit, version, parsing) = DebtPatch.Apply(current, body);
        if (Problems(edit, clock, current, parsing) is { } invalid)
        {
            return invalid;
        }

        if (version is not { } expected)
        {
            return ApiProblems.Invalid("version", "is required");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        try
        {
            await commands.UpdateAsync(actor, id, edit, expected, allowDuplicate, ct);
            return Results.Ok(await queries.GetAsync(id, ct));
        }
        catch (DuplicateDebtException ex)
        {
            return Duplicate(ex);
        }
    }

    internal static async Task<IResult> AddReportAsync(Guid id, DebtReportRequest body, HttpContext http, ActorResolver actors, DebtCommands commands, TimeProvider clock, CancellationToken ct)
    {
        if (body.Hours is null)
        {
            return ApiProblems.Invalid("hours", "is required (0 is allowed with an incident)");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var reportId = await commands.AddReportAsync(actor, id, new NewDebtReport(body.OccurredOn ?? today, body.Hours.Value, body.Note, body.Incident), ct);
        return Results.Created($"/api/v1/debt/{id}", new { id = reportId, item = id });
    }

    internal static async Task<IResult> RemoveReportAsync(Guid id, Guid reportId, DebtReportRemovalRequest body, HttpContext http, ActorResolver actors, DebtCommands commands, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        await commands.RemoveReportAsync(actor, id, reportId, body.Reason, ct);
        return Results.NoContent();
    }

    internal static async Task<IResult> StopFollowingAsync(
        Guid id, DebtStopFollowingRequest body, HttpContext http, ActorResolver actors, DebtCommands commands, DebtQueries queries, CancellationToken ct)
    {
        if (body.Version is not { } expected)
        {
            return ApiProblems.Invalid("version", "is required");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        await commands.StopFollowingAsync(actor, id, expected, ct);
        return Results.Ok(await queries.GetAsync(id, ct));
    }

    /// <summary>Every field problem at once as a validation problem, or null when there is none.</summary>
    private static IResult? Problems(DebtItemEdit edit, TimeProvider clock, DebtItemDetailsDto? current = null, IReadOnlyList<DebtFieldProblem>? parsing = null)
    {
        var keepsWontFix = current is { Status: DebtStatus.WontFix } && edit.Status == DebtStatus.WontFix && edit.RevisitOn == current.RevisitOn;
        var problems = (parsing ?? []).Concat(edit.Problems(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .Where(p => !(keepsWontFix && p.Field == "revisitOn"))
            .DistinctBy(p => p.Field)
            .ToList();
        return problems.Count == 0
            ? null
            : Results.ValidationProblem(problems.ToDictionary(p => p.Field, p => new[] { p.Reason }), title: "The request is not valid.");
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem($"Debt item '{id}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static IResult Duplicate(DuplicateDebtException ex) => Results.Problem(
        ex.Message + " Send allowDuplicate=true to create it anyway.",
        statusCode: StatusCodes.Status409Conflict,
        title: "Possible duplicate",
        extensions: new Dictionary<string, object?> { ["duplicates"] = ex.Duplicates });
}
