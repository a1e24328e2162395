using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Portal.Domain.Auditing.Queries;
using Portal.Web.Hosting;

namespace Portal.Web.Api.Auditing;

/// <summary><c>/api/v1/audit.csv</c>: the audit log, filtered as on the Audit log page, as a CSV file. Admins only.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit.csv", ExportAsync).WithName("ExportAuditCsv").WithTags("Audit")
            .WithSummary("The audit log as CSV (RFC 4180, UTF-8, header row), newest first: ?actor= (part of who), ?action= (an action or its start), ?record= (part of the record's type or key), ?from= and ?to= (ISO 8601 instants; from inclusive, to exclusive), ?refused=true. At most 100,000 entries. Admins only.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(AuthHosting.AdminPolicy);
        return api;
    }

    internal static async Task<IResult> ExportAsync(
        HttpContext http,
        AuditQueries queries,
        TimeProvider clock,
        CancellationToken ct,
        string? actor = null,
        string? action = null,
        string? record = null,
        string? from = null,
        string? to = null,
        bool refused = false)
    {
        if (Instant(from) is not { } fromUtc)
        {
            return ApiProblems.Invalid("from", $"'{from}' is not an ISO 8601 date and time (e.g. 2026-12-07T09:00:00Z)");
        }

        if (Instant(to) is not { } toUtc)
        {
            return ApiProblems.Invalid("to", $"'{to}' is not an ISO 8601 date and time (e.g. 2026-12-07T09:00:00Z)");
        }

        var filter = new AuditFilter { Actor = actor, Action = action, Record = record, FromUtc = fromUtc.Value, ToUtc = toUtc.Value, RefusedOnly = refused };
        // Checked before the first byte is sent, so that too large a selection is a 400 and not a broken download.
        if (await queries.CountAsync(filter, AuditQueries.MaxExportRows + 1, ct) > AuditQueries.MaxExportRows)
        {
            return ApiProblems.Invalid("filters", $"more than {AuditQueries.MaxExportRows:N0} audit entries match; narrow them (actor, action, record, from, to) and export again");
        }

        var name = $"audit-{clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        return Results.Stream(
            async body =>
            {
                // UTF-8 with a byte order mark, so that Excel reads accents and dashes correctly.
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 65_536, leaveOpen: true);
                await queries.ExportCsvAsync(filter, writer, http.RequestAborted);
            },
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: name);
    }

    /// <summary>Absent: a box holding null; an instant: a box holding it in UTC; anything else: null (refused).</summary>
    private static StrongBox<DateTime?>? Instant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new StrongBox<DateTime?>(null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? new StrongBox<DateTime?>(instant.UtcDateTime)
            : null;
    }
}
