using MudBlazor;
using Portal.Domain.Debt.Csv;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>The register's CSV download (the view as filtered and sorted) and import.</summary>
public partial class DebtRegister
{
    /// <summary>The CSV endpoint with this view's filters and sort (paging is left out: the file has every matching item).</summary>
    private string CsvHref
    {
        get
        {
            var parts = new (string Name, string? Value)[]
            {
                ("q", Q), ("team", Team), ("service", Service), ("signal", Signal), ("kind", Kind), ("quadrant", Quadrant),
                ("status", Status), ("quarter", Quarter), ("sort", Sort), ("desc", Desc is { } d ? (d ? "true" : "false") : null),
            };
            var query = string.Join('&', parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
            return query.Length == 0 ? "/api/v1/debt.csv" : $"/api/v1/debt.csv?{query}";
        }
    }

    private async Task ImportCsvAsync()
    {
        var dialog = await Dialogs.ShowAsync<DebtImportDialog>(
            "Import debt from CSV",
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: DebtImportResult result })
        {
            var skipped = result.SkippedLines.Count == 0 ? "" : $"; skipped {result.SkippedLines.Count} line(s) with problems ({string.Join(", ", result.SkippedLines.Take(10))}{(result.SkippedLines.Count > 10 ? ", …" : "")})";
            Snackbar.Add($"Imported {result.Items.Count} item(s) from {result.File}{skipped}; each one's history names the file and line.", Severity.Success);
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
    }
}
