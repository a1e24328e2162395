using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt.Csv;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>
/// The register's CSV import: reads the chosen file once, previews it (items and every problem by line and column),
/// and imports it all or nothing — or, when the person chooses to, only the lines without a problem. Closes with the
/// <see cref="DebtImportResult"/> of a written import.
/// </summary>
public partial class DebtImportDialog
{
    private const int MaxShown = 100;

    private IBrowserFile? _file;
    private byte[]? _content;
    private DebtImportResult? _preview;
    private string? _error;
    private string? _status;
    private bool _busy;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private DebtCsvImporter Importer { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    private async Task OnFileChangedAsync(IBrowserFile? file)
    {
        if (_busy || file is null)
        {
            return;
        }

        _file = file;
        _content = null;
        _preview = null;
        _error = null;
        if (file.Size > DebtCsvImporter.MaxBytes)
        {
            _error = $"{file.Name} is {ByteSize.Describe(file.Size)}; at most {ByteSize.Describe(DebtCsvImporter.MaxBytes)} per file. Split it into smaller files.";
            _status = _error;
            return;
        }

        await RunAsync($"Checking {file.Name}…", async () =>
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(DebtCsvImporter.MaxBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            _content = buffer.ToArray();
            _preview = await Importer.ImportAsync(await ActorAsync(), file.Name, new MemoryStream(_content), preview: true);
            _status = _preview.Problems.Count > 0
                ? $"{_preview.Problems.Count} problem(s) found in {file.Name}; nothing will be written unless you import the valid rows only."
                : $"{_preview.Items.Count} item(s) ready to import from {file.Name}.";
        });
    }

    /// <summary>The lines of the preview without a problem, when importing only those is possible (some lines are bad, the file itself is fine).</summary>
    private int ValidRows => _preview is { Problems.Count: > 0 } p && !p.Problems.Any(DebtCsvImporter.StopsEverything)
        ? p.Items.Count(i => !p.Problems.Any(x => x.Line == i.Line))
        : 0;

    private Task ImportAsync() => ImportAsync(DebtImportMode.AllOrNothing);

    private Task ImportValidRowsAsync() => ImportAsync(DebtImportMode.ValidRows);

    private async Task ImportAsync(DebtImportMode mode)
    {
        if (_file is null || _content is null)
        {
            return;
        }

        await RunAsync($"Importing {_file.Name}…", async () =>
        {
            var result = await Importer.ImportAsync(await ActorAsync(), _file.Name, new MemoryStream(_content), mode);
            if (result.Written)
            {
                MudDialog.Close(DialogResult.Ok(result));
                return;
            }

            // Someone changed the register since the preview (a duplicate, a removed service): show why.
            _preview = result;
            _status = $"{result.Problems.Count} problem(s) found in {_file.Name}; nothing was written.";
        });
    }

    private async Task RunAsync(string status, Func<Task> work)
    {
        _busy = true;
        _status = status;
        StateHasChanged();
        try
        {
            await work();
        }
        catch (ForbiddenException ex)
        {
            _error = ex.Message;
        }
        catch (DomainValidationException ex)
        {
            _error = $"{ex.Field}: {ex.Reason}";
        }
        catch (IOException ex)
        {
            _error = $"The file could not be read: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<Portal.Domain.Security.Actor> ActorAsync() => await Actors.ResolveAsync((await AuthState).User);
}
