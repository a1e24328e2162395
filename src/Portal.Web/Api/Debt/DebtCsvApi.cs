using System.Globalization;
using System.Text;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Csv;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Signals;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Api.Debt;

/// <summary><c>/api/v1/debt.csv</c> and <c>/api/v1/debt/import</c>: the register as a CSV file, and items created from one.</summary>
public static class DebtCsvApi
{
    public static RouteGroupBuilder MapDebtCsvApi(this RouteGroupBuilder api)
    {
        api.MapGet("/debt.csv", ExportAsync).WithName("ExportDebtCsv").WithTags("Debt")
            .WithSummary("The register as CSV (RFC 4180, UTF-8, header row), filtered and sorted like GET /debt, every matching item (no paging, at most 50,000). Cells that a spreadsheet would run as a formula start with an apostrophe.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapPost("/debt/import", ImportAsync).WithName("ImportDebtCsv").WithTags("Debt")
            .WithSummary("Create debt items from a CSV file (the columns of the export; admins, and editors for services their teams own): a multipart upload of one .csv file, or the CSV as the body (?file=NAME names it). All or nothing by default: 422 with every problem by line and column, nothing written. ?validRows=true writes the lines without a problem and reports the skipped ones (200, skippedLines); a problem with the file itself (header, quoting, too many rows) still writes nothing. ?preview=true checks without writing.")
            .Produces<DebtImportResult>()
            .Produces<DebtImportResult>(StatusCodes.Status422UnprocessableEntity)
            .WithBodyLimit(l => l.DebtImportMaxBytes, "Limits:DebtImportMaxBytes");
        return api;
    }

    internal static async Task<IResult> ExportAsync(
        HttpContext http,
        DebtQueries queries,
        TimeProvider clock,
        CancellationToken ct,
        string? q = null,
        string? service = null,
        string? team = null,
        string? status = null,
        string? signal = null,
        string? kind = null,
        string? quadrant = null,
        string? quarter = null,
        string? sort = null,
        bool? desc = null)
    {
        ScalingSignal? parsedSignal = null;
        if (!string.IsNullOrWhiteSpace(signal))
        {
            if (!ScalingSignals.TryParse(signal, out var s))
            {
                return ApiProblems.Invalid("signal", $"'{signal}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}");
            }

            parsedSignal = s;
        }

        var query = new DebtQuery
        {
            Q = q,
            Service = service,
            Team = team,
            Status = status,
            Signal = parsedSignal,
            Kind = string.IsNullOrWhiteSpace(kind) ? null : DebtEnums.Parse<DebtKind>(kind, "kind"),
            Quadrant = string.IsNullOrWhiteSpace(quadrant) ? null : DebtEnums.Parse<DebtQuadrant>(quadrant, "quadrant"),
            Quarter = quarter,
            Sort = sort,
            Descending = desc,
        };

        // Checked before the first byte is sent, so that a bad filter is a 400 and not a broken download.
        _ = DebtQueries.StatusFilter(status);
        var name = $"tech-debt-{clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        return Results.Stream(
            async body =>
            {
                // UTF-8 with a byte order mark, so that Excel reads accents and dashes correctly.
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 65_536, leaveOpen: true);
                await queries.ExportCsvAsync(query, writer, http.RequestAborted);
            },
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: name);
    }

    internal static async Task<IResult> ImportAsync(
        HttpContext http, DebtCsvImporter importer, ActorResolver actors, CancellationToken ct, string? file = null, bool preview = false, bool validRows = false)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var mode = preview ? DebtImportMode.Preview : validRows ? DebtImportMode.ValidRows : DebtImportMode.AllOrNothing;
        DebtImportResult result;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            if (form.Files.Count != 1)
            {
                return ApiProblems.Invalid("file", "send exactly one .csv file");
            }

            await using var stream = form.Files[0].OpenReadStream();
            result = await importer.ImportAsync(actor, form.Files[0].FileName, stream, mode, ct);
        }
        else
        {
            result = await importer.ImportAsync(actor, file ?? "debt.csv", http.Request.Body, mode, ct);
        }

        return result.Problems.Count > 0 && !result.Written ? Results.UnprocessableEntity(result) : Results.Ok(result);
    }
}
