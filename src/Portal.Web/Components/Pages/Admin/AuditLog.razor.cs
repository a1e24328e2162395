using System.Globalization;
using MudBlazor;
using Portal.Domain.Auditing.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Admin;

/// <summary>
/// The audit log, newest first, filtered by who, kind (action), record and time (entered in the viewer's zone), and the
/// same selection as a CSV file (<c>/api/v1/audit.csv</c>).
/// </summary>
public partial class AuditLog
{
    private MudDataGrid<AuditEntryDto>? _grid;
    private string? _actor;
    private string? _action;
    private string? _record;
    private string? _from;
    private string? _to;
    private bool _refusedOnly;
    private string? _timeError;

    private string ZoneLabel => ViewerTime.Label(Viewer.Settings.TimeZoneId);

    /// <summary>The filters as the page reads them; a time that is not one is left out and named in <see cref="_timeError"/>.</summary>
    private AuditFilter Filter
    {
        get
        {
            var zone = Viewer.Settings.TimeZone;
            var errors = new List<string>();
            DateTime? Instant(string? text, string label)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (ViewerTime.TryFromInput(text, zone, out var instant))
                {
                    return instant.UtcDateTime;
                }

                errors.Add($"{label}: '{text}' is not a date and time.");
                return null;
            }

            var filter = new AuditFilter
            {
                Actor = _actor,
                Action = _action,
                Record = _record,
                FromUtc = Instant(_from, "From"),
                ToUtc = Instant(_to, "Before"),
                RefusedOnly = _refusedOnly,
            };
            _timeError = errors.Count > 0 ? string.Join(" ", errors) : null;
            return filter;
        }
    }

    /// <summary>The CSV export of what the filters select (times as UTC instants).</summary>
    private string ExportHref
    {
        get
        {
            var f = Filter;
            static string? Utc(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var parts = new (string Name, string? Value)[]
            {
                ("actor", f.Actor), ("action", f.Action), ("record", f.Record), ("from", Utc(f.FromUtc)), ("to", Utc(f.ToUtc)),
                ("refused", f.RefusedOnly ? "true" : null),
            };
            var query = string.Join('&', parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}"));
            return query.Length == 0 ? "/api/v1/audit.csv" : $"/api/v1/audit.csv?{query}";
        }
    }

    private async Task<GridData<AuditEntryDto>> LoadAsync(GridState<AuditEntryDto> state, CancellationToken ct)
    {
        var page = await Audit.ListAsync(state.Page + 1, state.PageSize, Filter, ct);
        return new GridData<AuditEntryDto> { Items = page.Items, TotalItems = page.Total };
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;
}
