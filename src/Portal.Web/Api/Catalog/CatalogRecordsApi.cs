using Portal.Domain.Common;
using Portal.Ingest.Catalog;
using Portal.Web.Auth;

namespace Portal.Web.Api.Catalog;

/// <summary>
/// <c>/api/v1/catalog/records</c>: where a record belongs (the source and location that may change it), and an
/// admin's hand-over of it to another origin. Kinds are Backstage's (<c>component</c>, <c>group</c>…) or
/// Portal's words (<c>service</c>, <c>team</c>, <c>person</c>).
/// </summary>
public static class CatalogRecordsApi
{
    public static RouteGroupBuilder MapCatalogRecordsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog/records/{kind}/{name}", (string kind, string name, CatalogHandOver handOver, CancellationToken ct) => GetAsync(kind, name, handOver, ct))
            .WithName("GetRecordOrigin").WithTags("Catalog files")
            .WithSummary("Where a record belongs: its source, location, and who may change it.");
        api.MapGet("/catalog/records/{kind}/{ns}/{name}", (string kind, string ns, string name, CatalogHandOver handOver, CancellationToken ct) => GetAsync(kind, $"{ns}/{name}", handOver, ct))
            .WithName("GetNamespacedRecordOrigin").WithTags("Catalog files");
        api.MapPost("/catalog/records/{kind}/{name}/handover", (string kind, string name, HandOverBody body, HttpContext http, ActorResolver actors, CatalogHandOver handOver, CancellationToken ct) =>
                HandOverAsync(kind, name, body, http, actors, handOver, ct))
            .WithName("HandOverRecord").WithTags("Catalog files")
            .WithSummary("Admins only: the record now belongs to another origin (people in Portal, an import or a GitHub location). Audited; 409 if it was saved since the version sent.");
        api.MapPost("/catalog/records/{kind}/{ns}/{name}/handover", (string kind, string ns, string name, HandOverBody body, HttpContext http, ActorResolver actors, CatalogHandOver handOver, CancellationToken ct) =>
                HandOverAsync(kind, $"{ns}/{name}", body, http, actors, handOver, ct))
            .WithName("HandOverNamespacedRecord").WithTags("Catalog files");
        return api;
    }

    internal static async Task<IResult> GetAsync(string kind, string reference, CatalogHandOver handOver, CancellationToken ct) =>
        Results.Ok(await handOver.FindAsync(kind, reference, ct));

    internal static async Task<IResult> HandOverAsync(
        string kind, string reference, HandOverBody body, HttpContext http, ActorResolver actors, CatalogHandOver handOver, CancellationToken ct)
    {
        var to = body.To?.Trim().ToLowerInvariant() switch
        {
            "manual" or "people" => DataSource.Manual,
            "import" => DataSource.Import,
            "github" or "git-hub" => DataSource.GitHub,
            _ => (DataSource?)null,
        };
        if (to is null)
        {
            return ApiProblems.Invalid("to", $"'{body.To}' is not one of manual, import or github");
        }

        var actor = await actors.ResolveAsync(http.User, ct);
        return Results.Ok(await handOver.HandOverAsync(actor, new HandOverRequest(kind, reference, to.Value, body.Location, body.Version), ct));
    }
}
