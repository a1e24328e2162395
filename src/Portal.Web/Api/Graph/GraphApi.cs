using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Api.Graph;

/// <summary><c>/api/v1/graph</c> and the dependency routes of services.</summary>
public static class GraphApi
{
    public static RouteGroupBuilder MapGraphApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{name}/blast-radius", BlastRadiusAsync).WithName("GetBlastRadius").WithTags("Graph")
            .WithSummary("Every service that can fail when this one fails, with the chain of calls that connects each.")
            .WithDescription("`direct` lists every direct dependent. `transitive` is one page, nearest first: `limit` (1 to Limits:BlastRadiusMaxLimit, default 1000; default 500) "
                + "entries from `offset` (default 0); `count` is the whole radius and `transitiveCount` all transitive dependents, "
                + "`truncated` is true when the page is not the whole list. `followAsync` and `stopAtFallback` change how failure spreads.");
        api.MapGet("/graph", ViewAsync).WithName("GetGraph").WithTags("Graph")
            .WithSummary("Nodes and edges around a service (focus, depth 1–3), of a team or a system; grouped when more than 300 nodes would show.");
        api.MapGet("/graph/analysis", AnalysisAsync).WithName("GetGraphAnalysis").WithTags("Graph")
            .WithSummary("Cycles, long synchronous chains, retry amplification, timeout inversions, shared resources, single points of failure, cross-team coupling.");
        api.MapPut("/services/{name}/dependencies/{**target}", PutDependencyAsync).WithName("PutDependency").WithTags("Graph")
            .WithSummary("Add or change how a service calls a service or 'resource:<name>'. Owners of the calling service and admins only.");
        api.MapDelete("/services/{name}/dependencies/{**target}", DeleteDependencyAsync).WithName("DeleteDependency").WithTags("Graph");
        return api;
    }

    internal static async Task<IResult> BlastRadiusAsync(
        string name,
        GraphService graphs,
        IOptions<LimitsOptions> limits,
        CancellationToken ct,
        bool followAsync = false,
        bool stopAtFallback = true,
        int offset = 0,
        int limit = 500)
    {
        var max = limits.Value.BlastRadiusMaxLimit;
        if (limit < 1 || limit > max)
        {
            return ApiProblems.Invalid("limit", $"must be between 1 and {max} (setting Limits:BlastRadiusMaxLimit); page on with offset");
        }

        if (offset < 0)
        {
            return ApiProblems.Invalid("offset", "must be 0 or more");
        }

        var snapshot = await graphs.CurrentAsync(ct);
        if (!snapshot.Graph.TryGetIndex(name, out var node))
        {
            return Results.Problem($"Service '{name}' is not in the dependency graph.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        // Paths are built only for the page, so a radius of thousands answers as fast as a small one.
        var result = GraphAnalysis.BlastRadius(snapshot.Graph, node, new BlastRadiusOptions(followAsync, stopAtFallback), offset, limit);
        var truncated = offset > 0 || result.Transitive.Count < result.TransitiveCount;
        return Results.Ok(new BlastRadiusResponse(
            result.Service, result.Direct, result.Transitive, result.Count, result.TransitiveCount, offset, limit, truncated, result.Summary, result.Remedy));
    }

    internal static async Task<IResult> ViewAsync(GraphService graphs, CancellationToken ct, string? focus = null, int depth = 2, string? team = null, string? system = null, string? group = null)
    {
        if (depth is < 1 or > GraphSubsets.MaxFocusDepth)
        {
            return ApiProblems.Invalid("depth", $"must be between 1 and {GraphSubsets.MaxFocusDepth}");
        }

        if (group is not null and not ("team" or "system"))
        {
            return ApiProblems.Invalid("group", "must be 'team' or 'system'");
        }

        var snapshot = await graphs.CurrentAsync(ct);
        if (!string.IsNullOrWhiteSpace(focus) && !snapshot.Graph.TryGetIndex(focus, out _))
        {
            return Results.Problem($"'{focus}' is not in the dependency graph.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return Results.Ok(GraphViewBuilder.Build(snapshot, focus, depth, team, system, group));
    }

    internal static async Task<IResult> AnalysisAsync(GraphService graphs, CancellationToken ct, int limit = 100)
    {
        if (limit is < 1 or > GraphService.MaxFindings)
        {
            return ApiProblems.Invalid("limit", $"must be between 1 and {GraphService.MaxFindings}");
        }

        // Findings as analysed at the snapshot's graph version, each list cut to the limit, worst first.
        var snapshot = await graphs.CurrentAsync(ct);
        return Results.Ok(snapshot.Analysis.Take(limit));
    }

    internal static async Task<IResult> PutDependencyAsync(string name, string target, DependencyRequest body, HttpContext http, ActorResolver actors, DependencyCommands commands, CancellationToken ct)
    {
        if (InteractionKindExtensions.ParseWire(body.Kind) is not { } kind)
        {
            return ApiProblems.Invalid("kind", $"'{body.Kind}' is not one of sync-http, sync-grpc, async-event, async-queue, shared-database, library, unknown");
        }

        var created = await commands.UpsertAsync(
            await actors.ResolveAsync(http.User, ct),
            name,
            target,
            new DependencyEdit(kind, body.TimeoutMs, body.Retries, body.Backoff, body.CircuitBreaker, body.Fallback, body.Bulkhead, body.Criticality, body.Access),
            ct);
        return created ? Results.Created($"/api/v1/services/{name}/dependencies/{target}", null) : Results.NoContent();
    }

    internal static async Task<IResult> DeleteDependencyAsync(string name, string target, HttpContext http, ActorResolver actors, DependencyCommands commands, CancellationToken ct)
    {
        await commands.DeleteAsync(await actors.ResolveAsync(http.User, ct), name, target, ct);
        return Results.NoContent();
    }
}
