using Portal.Domain.Debt;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Web.Auth;

namespace Portal.Web.Api.Debt;

/// <summary>
/// <c>/api/v1/debt/candidates</c>: suggested debt items from graph and ownership findings. Accepting one is
/// <c>POST /api/v1/debt</c> with its <c>findingKey</c> (each candidate carries the filled-in <c>draft</c>); dismissing
/// one needs a reason and can be taken back.
/// </summary>
public static class DebtCandidateApi
{
    public static RouteGroupBuilder MapDebtCandidateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/debt/candidates", ListAsync).WithName("ListDebtCandidates").WithTags("Debt")
            .WithSummary("Findings nobody has logged or dismissed yet, the most exposed first, paged; filter by kind (cycle, sync-chain, …), team, service or words.");
        api.MapGet("/debt/candidates/dismissals", DismissalsAsync).WithName("ListDebtCandidateDismissals").WithTags("Debt")
            .WithSummary("Dismissed suggestions with why, by whom and when, newest first.");
        api.MapPost("/debt/candidates/dismissals", DismissAsync).WithName("DismissDebtCandidate").WithTags("Debt")
            .WithSummary("Dismiss a suggestion with a reason (editors of a team it touches, admins). 404 when it is no longer suggested.");
        api.MapDelete("/debt/candidates/dismissals", RestoreAsync).WithName("RestoreDebtCandidate").WithTags("Debt")
            .WithSummary("Take a dismissal back (?key=), so the finding is suggested again if it still stands (whoever dismissed it, admins).");
        return api;
    }

    internal static async Task<IResult> ListAsync(
        DebtCandidateQueries candidates, CancellationToken ct, int page = 1, int pageSize = 25, string? kind = null, string? team = null, string? service = null, string? q = null)
    {
        DebtCandidateOrigin? origin = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!DebtEnums.TryParse<DebtCandidateOrigin>(kind, out var parsed))
            {
                return ApiProblems.Invalid("kind", $"'{kind}' is not one of {string.Join(", ", Enum.GetValues<DebtCandidateOrigin>().Select(o => DebtEnums.Kebab(o.ToString())))}");
            }

            origin = parsed;
        }

        var result = await candidates.ListAsync(new DebtCandidateQuery(origin, team, service, q, page, pageSize), ct);
        return Results.Ok(new PagedResponse<DebtCandidateResponse>(
            [.. result.Items.Select(DebtCandidateResponse.From)], result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> DismissalsAsync(DebtCandidateQueries candidates, CancellationToken ct) =>
        Results.Ok(await candidates.DismissedAsync(ct));

    internal static async Task<IResult> DismissAsync(DebtDismissalRequest body, HttpContext http, ActorResolver actors, DebtCandidateCommands commands, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Key))
        {
            return ApiProblems.Invalid("key", "is required: the key of a suggestion from GET /api/v1/debt/candidates");
        }

        await commands.DismissAsync(await actors.ResolveAsync(http.User, ct), body.Key, body.Reason, ct);
        return Results.NoContent();
    }

    internal static async Task<IResult> RestoreAsync(HttpContext http, ActorResolver actors, DebtCandidateCommands commands, CancellationToken ct, string? key = null)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return ApiProblems.Invalid("key", "is required: the key of a dismissed suggestion");
        }

        await commands.RestoreAsync(await actors.ResolveAsync(http.User, ct), key, ct);
        return Results.NoContent();
    }
}
