using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Ingest.Backstage;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Api.Catalog;

/// <summary><c>/api/v1/catalog</c>: Backstage catalog files in and out.</summary>
public static class CatalogFilesApi
{
    public static RouteGroupBuilder MapCatalogFilesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/catalog/import", ImportAsync).WithName("ImportCatalog").WithTags("Catalog files")
            .WithSummary("Import Backstage catalog YAML: a multipart upload of .yaml files, or one YAML body (multi-document allowed; ?file=NAME names it, default catalog-info.yaml). The files of one request are one origin, each located by its sender and file name. Admins only.")
            .Produces<ImportResponse>()
            .Produces<ImportResponse>(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(AuthHosting.AdminPolicy)
            .WithBodyLimit(l => l.ImportMaxBytes, "Limits:ImportMaxBytes");
        api.MapGet("/catalog/export", ExportAsync).WithName("ExportCatalog").WithTags("Catalog files")
            .WithSummary("The whole catalog as Backstage YAML: one multi-document stream, or ?format=zip for one file per kind plus all.yaml.")
            .WithConcurrencyLimit(l => l.ExportConcurrency, "Limits:ExportConcurrency", "catalog exports");
        return api;
    }

    internal static async Task<IResult> ImportAsync(HttpContext http, BackstageImporter importer, ActorResolver actors, CancellationToken ct, string? file = null)
    {
        var files = new List<CatalogFile>();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            foreach (var part in form.Files)
            {
                using var reader = new StreamReader(part.OpenReadStream(), Encoding.UTF8);
                files.Add(new CatalogFile(Path.GetFileName(part.FileName), await reader.ReadToEndAsync(ct)));
            }
        }
        else
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(ct);
            if (!string.IsNullOrWhiteSpace(body))
            {
                // The body's file name (?file=…) is its origin: two pipelines sending through one token each name theirs.
                files.Add(new CatalogFile(file ?? "catalog-info.yaml", body));
            }
        }

        if (files.Count == 0)
        {
            return ApiProblems.Invalid("body", "send catalog YAML as the request body, or .yaml files as multipart/form-data");
        }

        var report = await importer.ImportSentFilesAsync(files, "api", await actors.ResolveAsync(http.User, ct), ct);
        var response = new ImportResponse(report.Scope, report.NothingImported, report.Kinds, report.Problems);
        return report.NothingImported ? Results.UnprocessableEntity(response) : Results.Ok(response);
    }

    internal static async Task<IResult> ExportAsync(BackstageExporter exporter, IOptions<LimitsOptions> limits, CancellationToken ct, string? format = null)
    {
        // The export is built in memory: past the cap, the command line writes it to files instead.
        var max = limits.Value.ExportMaxEntities;
        if (await exporter.CountEntitiesAsync(ct) is var count && count > max)
        {
            return Results.Problem(
                $"The catalog holds {count} entities, more than the {max} one export may hold (setting Limits:ExportMaxEntities). Export it with the command line instead: export <directory>.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The catalog is too large to export in one answer.");
        }

        var files = await exporter.ExportAsync(ct);
        if (string.Equals(format, "zip", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in files)
                {
                    var entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal);
                    await using var stream = await entry.OpenAsync(ct);
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(file.Content), ct);
                }
            }

            return Results.File(buffer.ToArray(), "application/zip", "portal-catalog.zip");
        }

        // One stream: every kind's documents, without the Location that points at the separate files.
        var documents = string.Join("---\n", files.Where(f => f.Path != "all.yaml").Select(f => f.Content.TrimStart('-', '\n', '\r').TrimEnd() + "\n"));
        return Results.Text(documents, "application/yaml", Encoding.UTF8);
    }
}
