using System.Text;
using Portal.Domain.Common;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Framework;
using Portal.Domain.Signals;
using Portal.Web.Auth;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Web.Api.Scorecards;

/// <summary><c>/api/v1/scorecards</c> and <c>/api/v1/framework</c>.</summary>
public static class ScorecardsApi
{
    public static RouteGroupBuilder MapScorecardsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/scorecards", ListAsync).WithName("ListScorecards").WithTags("Scorecards")
            .WithSummary("Services' scorecards, paged; filter by owner team, and by level on a signal (or overall without a signal).");
        api.MapGet("/scorecards/rollup", RollupAsync).WithName("GetScorecardRollup").WithTags("Scorecards")
            .WithSummary("Counts of services per level on every signal, for the organisation and per team (no averages), and the weakest signals.");
        api.MapGet("/scorecards/{**service}", GetAsync).WithName("GetScorecard").WithTags("Scorecards")
            .WithSummary("One service's scorecard: per signal the level, per criterion status (pass|fail|unknown|exempt), evidence, evaluatedAt, dataAsOf, flagged.");
        api.MapPut("/scorecards/{service}/answers/{criterion}", AnswerAsync).WithName("PutScorecardAnswer").WithTags("Scorecards")
            .WithSummary("Answer or re-attest a self-assessed criterion (0–4 and a note). Editors of the owner team and admins. Omit version only for a first answer; updating an existing one without its version is 428, with a stale one 409.");
        api.MapPut("/scorecards/{ns}/{service}/answers/{criterion}", (string ns, string service, string criterion, AnswerRequest body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct) =>
            AnswerAsync($"{ns}/{service}", criterion, body, commands, actors, http, ct)).WithName("PutNamespacedScorecardAnswer").WithTags("Scorecards");
        api.MapPost("/scorecards/{service}/exemptions", RequestExemptionAsync).WithName("PostScorecardExemption").WithTags("Scorecards")
            .WithSummary("Request an exemption from one criterion with a reason and an end date; an admin approves it.");
        api.MapPost("/scorecards/{ns}/{service}/exemptions", (string ns, string service, ExemptionRequest body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct) =>
            RequestExemptionAsync($"{ns}/{service}", body, commands, actors, http, ct)).WithName("PostNamespacedScorecardExemption").WithTags("Scorecards");
        api.MapPost("/scorecards/exemptions/{id:guid}/{decision}", DecideAsync).WithName("DecideScorecardExemption").WithTags("Scorecards")
            .WithSummary("approve, reject (with a note) or revoke an exemption; admins (editors may withdraw their own team's request).");
        api.MapPost("/scorecards/results", PushAsync).WithName("PushScorecardResults").WithTags("Scorecards")
            .WithSummary("Results of external criteria evaluated elsewhere (CI, a scanner). Admin tokens (tokens carry no team, so an editor token may not push for any service).");
        api.MapGet("/framework", GetFrameworkAsync).WithName("GetFramework").WithTags("Scorecards")
            .WithSummary("The scorecard framework in force, as YAML (application/yaml).");
        api.MapPut("/framework", PutFrameworkAsync).WithName("PutFramework").WithTags("Scorecards")
            .WithSummary("Save a new framework version from YAML (admins). If-Match is required: the version you edited (409 when another was saved since), or * to replace whatever is current; 428 without it. 422 names the line and field of every problem.")
            .Accepts<string>("application/yaml", "text/yaml", "text/plain");
        return api;
    }

    internal static async Task<IResult> ListAsync(ScorecardQueries queries, CancellationToken ct, string? team = null, string? signal = null, string? level = null, int page = 1, int pageSize = 25)
    {
        if (page < 1)
        {
            return ApiProblems.Invalid("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > ScorecardListQuery.MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"must be between 1 and {ScorecardListQuery.MaxPageSize}");
        }

        ScalingSignal? parsedSignal = null;
        if (!string.IsNullOrWhiteSpace(signal))
        {
            parsedSignal = SignalKeys.Parse(signal);
            if (parsedSignal is null)
            {
                return ApiProblems.Invalid("signal", $"'{signal}' is not a signal; one of {string.Join(", ", SignalKeys.All)}");
            }
        }

        ScoreLevel? parsedLevel = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            parsedLevel = level.Trim().ToLowerInvariant() == "none" ? ScoreLevel.None : FrameworkNames.ParseLevel(level);
            if (parsedLevel is null)
            {
                return ApiProblems.Invalid("level", $"'{level}' is not a level; one of none, bronze, silver, gold");
            }
        }

        if (parsedSignal is not null && parsedLevel is null)
        {
            return ApiProblems.Invalid("level", "is required with signal: signal says which level level filters on (none, bronze, silver or gold)");
        }

        var result = await queries.ListAsync(new ScorecardListQuery(team, parsedSignal, parsedLevel, page, pageSize), ct);
        var items = result.Items.Select(s => new ScorecardSummaryResponse(
            s.Service, s.DisplayName, s.Team, s.Tier, Name(s.Overall), s.Levels.ToDictionary(l => SignalKeys.Key(l.Key), l => Name(l.Value)), s.Failing, s.Flagged, s.Exempt)).ToList();
        return Results.Ok(new PagedResponse<ScorecardSummaryResponse>(items, result.Total, result.PageNumber, result.PageSize));
    }

    internal static async Task<IResult> RollupAsync(ScorecardQueries queries, CancellationToken ct)
    {
        var (organisation, teams) = await queries.RollupAsync(ct);
        return Results.Ok(new RollupResponse(ToGroup(organisation, null), [.. teams.Select(t => ToGroup(t.Group, t.DisplayName))]));
    }

    private static RollupGroupResponse ToGroup(RollupGroup g, string? displayName) => new(
        g.Key,
        displayName,
        g.Services,
        g.PerSignal.ToDictionary(p => SignalKeys.Key(p.Key), p => p.Value),
        g.Overall,
        [.. g.Weakest().Take(3).Select(SignalKeys.Key)]);

    internal static async Task<IResult> GetAsync(string service, ScorecardQueries queries, CancellationToken ct)
    {
        if (await queries.ServiceAsync(service, ct) is not { } card)
        {
            return Results.Problem($"Service '{service}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return Results.Ok(ToResponse(card));
    }

    internal static ScorecardResponse ToResponse(ServiceScorecardView card) => new(
        card.Service,
        card.DisplayName,
        card.OwnerTeam,
        Name(card.Overall),
        card.Framework.Version,
        card.EvaluatedAt,
        [
            .. ScalingSignals.All.Select(signal => new SignalResponse(
                SignalKeys.Key(signal),
                ScalingSignals.Title(signal),
                Name(card.Levels[signal]),
                [
                    .. card.Results.Where(r => r.Signal == signal).Select(r => new CriterionResultResponse(
                        r.Criterion, card.Framework.CountingOn(r.Criterion, DateOnly.FromDateTime(card.EvaluatedAt))?.Title ?? r.Criterion, Name(r.Level), FrameworkNames.Mode(r.Mode),
                        r.Status.ToString().ToLowerInvariant(), r.Evidence, r.EvaluatedAt, r.DataAsOf, r.Flagged, r.FlagReason, r.Upcoming, r.FrameworkVersion,
                        r.ChangesOn, r.LevelAfterChange is { } after ? Name(after) : null, r.StatusAfterChange?.ToString().ToLowerInvariant())),
                ])),
        ],
        card.Answers,
        card.Exemptions,
        card.BlastRadius,
        [
            .. card.NextSteps.Select(n => new NextStepResponse(
                SignalKeys.Key(n.Signal), Name(n.From), Name(n.To), [.. n.Criteria.Select(c => c.Key)], n.Days, n.RaisesOverall, Math.Round(n.Priority, 3))),
        ]);

    internal static async Task<IResult> AnswerAsync(string service, string criterion, AnswerRequest body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        try
        {
            var answer = await commands.AnswerAsync(actor, service, criterion, body.Maturity, body.Note, body.EvidenceUrl, body.Version, ct);
            return Results.Ok(answer);
        }
        catch (ConcurrencyConflictException) when (body.Version is null)
        {
            // Without a version the request means "there is no answer yet"; there is one, so never overwrite it unseen.
            return Results.Problem(
                $"'{criterion}' on '{service}' already has an answer. Send \"version\" with the answer's version (GET /api/v1/scorecards/{service} lists answers with theirs) to update it.",
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Version required");
        }
    }

    internal static async Task<IResult> RequestExemptionAsync(string service, ExemptionRequest body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Criterion))
        {
            return ApiProblems.Invalid("criterion", "is required");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        var exemption = await commands.RequestExemptionAsync(actor, service, body.Criterion.Trim(), body.Reason, body.EndsOn, ct);
        return Results.Created($"/api/v1/scorecards/{service}", exemption);
    }

    internal static async Task<IResult> DecideAsync(Guid id, string decision, ExemptionDecision body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        return decision switch
        {
            "approve" => Results.Ok(await commands.DecideExemptionAsync(actor, id, true, body.Note, body.Version, ct)),
            "reject" => Results.Ok(await commands.DecideExemptionAsync(actor, id, false, body.Note, body.Version, ct)),
            "revoke" => Results.Ok(await commands.RevokeExemptionAsync(actor, id, body.Note, body.Version, ct)),
            _ => ApiProblems.Invalid("decision", $"'{decision}' is not one of approve, reject, revoke"),
        };
    }

    internal static async Task<IResult> PushAsync(PushResultsRequest body, ScorecardCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        if (body.Results is not { Count: > 0 })
        {
            return ApiProblems.Invalid("results", "must list at least one result");
        }

        if (body.Results.Count > 500)
        {
            return ApiProblems.Invalid("results", "at most 500 results per request");
        }

        // The shape here; the rest (criteria, services, evidence, who may) in PushResultsAsync: all or nothing.
        for (var i = 0; i < body.Results.Count; i++)
        {
            var r = body.Results[i];
            if (FrameworkNames.ParseStatus(r.Status) is not (CriterionStatus.Pass or CriterionStatus.Fail or CriterionStatus.Unknown))
            {
                return ApiProblems.Invalid($"results[{i}].status", $"'{r.Status}' is not one of pass, fail, unknown");
            }

            if (string.IsNullOrWhiteSpace(r.Service) || string.IsNullOrWhiteSpace(r.Criterion))
            {
                return ApiProblems.Invalid($"results[{i}]", "service and criterion are required");
            }
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        var accepted = await commands.PushResultsAsync(
            actor, [.. body.Results.Select(r => new PushedResultInput(r.Service.Trim(), r.Criterion.Trim(), FrameworkNames.ParseStatus(r.Status)!.Value, r.Evidence))], ct);
        return Results.Ok(new { accepted });
    }

    internal static async Task<IResult> GetFrameworkAsync(FrameworkStore frameworks, HttpContext http, CancellationToken ct)
    {
        var framework = await frameworks.CurrentAsync(ct);
        http.Response.Headers.ETag = $"\"{framework.Version}\"";
        return Results.Text(FrameworkYaml.Write(framework), "application/yaml", Encoding.UTF8);
    }

    internal static async Task<IResult> PutFrameworkAsync(FrameworkStore frameworks, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        // Who first, then which version, and only then the body.
        var actor = await actors.ResolveAsync(http.User, ct);
        await frameworks.EnsureMaySaveAsync(actor, ct);
        int? expected = null;
        var match = http.Request.Headers.IfMatch.ToString().Trim();
        if (match.Length == 0)
        {
            return Results.Problem(
                "Send If-Match with the framework version you edited (GET /api/v1/framework returns it as the ETag), or If-Match: * to replace whatever version is current.",
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Version required");
        }

        if (match != "*")
        {
            var version = match.Trim('"');
            if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                return ApiProblems.Invalid("If-Match", $"'{match}' is not a framework version");
            }

            expected = v;
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[FrameworkYaml.MaxLength + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > FrameworkYaml.MaxLength)
        {
            return ApiProblems.Invalid("(document)", $"is longer than {FrameworkYaml.MaxLength} characters");
        }

        try
        {
            var saved = await frameworks.SaveAsync(actor, new string(buffer, 0, read), expected, ct);
            http.Response.Headers.ETag = $"\"{saved.Version}\"";
            return Results.Text(FrameworkYaml.Write(saved), "application/yaml", Encoding.UTF8);
        }
        catch (FrameworkValidationException ex)
        {
            var errors = ex.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray());
            return Results.ValidationProblem(errors, title: "The framework is not valid.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static string Name(ScoreLevel level) => level.ToString().ToLowerInvariant();
}
