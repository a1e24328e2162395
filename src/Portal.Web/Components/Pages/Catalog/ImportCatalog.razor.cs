using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>
/// Upload, preview, apply: the chosen files go through a dry run of the reconciler first, and only "Apply" writes them,
/// exactly as previewed (the reconciler refuses, writing nothing, if the catalog changed since; the page then shows the
/// new preview). The files picked at once may hold at most <c>Limits:ImportMaxBytes</c> together (as the import API),
/// checked from their sizes before any is read, and at most <see cref="MaxBytes"/> each.
/// </summary>
public partial class ImportCatalog
{
    private const int MaxFiles = 500;
    private const long MaxBytes = 10 * 1024 * 1024;
    private const string Channel = "upload";

    private List<CatalogFile> _files = [];
    private ImportReport? _preview;
    private ImportReport? _report;
    private bool _busy;
    private string? _status;
    private string? _error;
    private string? _announcement;
    private ElementReference _previewHeading;
    private ElementReference _reportHeading;
    private Func<ElementReference>? _focusNext;

    [Inject] private BackstageImporter Importer { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private ILogger<ImportCatalog> Logger { get; set; } = null!;

    [Inject] private Microsoft.Extensions.Options.IOptions<Portal.Web.Hosting.LimitsOptions> Limits { get; set; } = null!;

    /// <summary>The most the picked files may hold together (<c>Limits:ImportMaxBytes</c>).</summary>
    private long TotalMaxBytes => Limits.Value.ImportMaxBytes;

    /// <summary>The most one file may hold: <see cref="MaxBytes"/>, or less when the total allowed is smaller.</summary>
    private long FileMaxBytes => Math.Min(MaxBytes, TotalMaxBytes);

    /// <summary>A size in words ("50 MB", "1.2 MB").</summary>
    private static string SizeOf(long bytes) => ByteSize.Describe(bytes);

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private static bool HasChanges(ImportReport report) =>
        report.Records.Any(r => r.Change is RecordChangeKind.Created or RecordChangeKind.Updated or RecordChangeKind.Orphaned);

    private static string Summary(ImportReport report)
    {
        int Count(RecordChangeKind kind) => report.Records.Count(r => r.Change == kind);
        var verb = report.Applied ? "" : "will be ";
        var parts = new List<string>
        {
            $"{Count(RecordChangeKind.Created)} {verb}created",
            $"{Count(RecordChangeKind.Updated)} {verb}updated",
            $"{Count(RecordChangeKind.Unchanged)} unchanged",
        };
        if (Count(RecordChangeKind.Orphaned) > 0)
        {
            parts.Add($"{Count(RecordChangeKind.Orphaned)} {verb}orphaned");
        }

        if (Count(RecordChangeKind.Conflict) > 0)
        {
            parts.Add($"{Count(RecordChangeKind.Conflict)} in conflict");
        }

        var rejected = report.Total.Rejected;
        if (rejected > 0)
        {
            parts.Add($"{rejected} rejected");
        }

        return string.Join(", ", parts);
    }

    private string FileList() => _files.Count == 1 ? $"From {_files[0].Path}" : $"From {_files.Count} files";

    private async Task OnFilesChanged(IReadOnlyList<IBrowserFile>? files)
    {
        // Files chosen while an apply runs are ignored: the page would show one set of files and apply another.
        if (_busy)
        {
            return;
        }

        Cancel();
        if (files is null || files.Count == 0)
        {
            return;
        }

        // Checked from the sizes the browser reports, before a byte is read (reading caps each stream at its size too).
        var total = files.Sum(f => f.Size);
        if (total > TotalMaxBytes)
        {
            _error = $"The {files.Count} file(s) chosen hold {SizeOf(total)} together; at most {SizeOf(TotalMaxBytes)} can be imported at once "
                + "(setting Limits:ImportMaxBytes). Nothing was read. Choose fewer files, or import in several steps.";
            _announcement = _error;
            return;
        }

        if (files.FirstOrDefault(f => f.Size > FileMaxBytes) is { } large)
        {
            _error = $"{large.Name} holds {SizeOf(large.Size)}; at most {SizeOf(FileMaxBytes)} per file. Nothing was read.";
            _announcement = _error;
            return;
        }

        await RunAsync(ImportStep.Preview, async () =>
        {
            var read = new List<CatalogFile>();
            foreach (var file in files)
            {
                _status = $"Reading {file.Name}…";
                StateHasChanged();
                using var reader = new StreamReader(file.OpenReadStream(FileMaxBytes));
                read.Add(new CatalogFile(file.Name, await reader.ReadToEndAsync()));
            }

            _files = read;
            _status = $"Checking what {read.Count} file(s) would change…";
            StateHasChanged();
            _preview = await Importer.PreviewSentFilesAsync(read, Channel, await ActorAsync(), CancellationToken.None);
            _announcement = $"Preview ready: {Summary(_preview)}. Nothing has been written yet.";
            _focusNext = () => _previewHeading;
        });
    }

    private async Task ApplyAsync()
    {
        // A second click while the first apply runs must not apply again (it would find its own writes and report a change).
        if (_busy || _preview is not { } preview)
        {
            return;
        }

        await RunAsync(ImportStep.Apply, async () =>
        {
            _status = $"Importing {_files.Count} file(s)…";
            StateHasChanged();
            var result = await Importer.ApplySentFilesAsync(_files, Channel, preview, await ActorAsync(), CancellationToken.None);
            if (result.ChangedSincePreview)
            {
                _preview = result;
                _announcement = "The catalog changed since the preview, so nothing was written. A new preview is shown.";
                _focusNext = () => _previewHeading;
                return;
            }

            _preview = null;
            _report = result;
            _announcement = $"Import finished: {Summary(result)}.";
            _focusNext = () => _reportHeading;
        });
    }

    private void CancelPreview()
    {
        Cancel();
        _announcement = "Preview discarded; nothing was written.";
    }

    private void Cancel()
    {
        _error = null;
        _preview = null;
        _report = null;
        _files = [];
    }

    private async Task RunAsync(ImportStep step, Func<Task> work)
    {
        _busy = true;
        _error = null;
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is IOException or ForbiddenException or DomainValidationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            _error = "The import failed and nothing was written: " + ex.GetBaseException().Message;
            _announcement = _error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else (a lost connection, a timeout, a bug) must not end the circuit and lose the preview: the person
            // gets a sentence and a reference, whoever runs Portal gets the exception under the same reference.
            var reference = Activity.Current?.TraceId.ToString() ?? ActivityTraceId.CreateRandom().ToString();
            Logger.LogError(ex, "Catalog upload failed at its {Step} step with {FileCount} file(s) (correlation id {CorrelationId})", step, _files.Count, reference);
            _error = UnexpectedFailure(step, reference);
            _announcement = _error;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// What an unexpected failure means for the catalog. Reading and previewing never write (the preview is a rolled-back
    /// dry run); applying is one transaction, so it wrote nothing unless the failure came as it was being committed, and
    /// applying again is safe either way: a catalog that already holds the import no longer matches the preview.
    /// </summary>
    internal static string UnexpectedFailure(ImportStep step, string reference) => step == ImportStep.Apply
        ? "Applying the import failed unexpectedly. It is written in one transaction, so nothing was written (unless the connection "
          + "failed at the very moment of committing). Applying again is safe: if the catalog changed meanwhile, you see a new preview first. "
          + $"Reference for the logs: {reference}."
        : $"Checking the files failed unexpectedly, so nothing was written. Choose the files again to retry. Reference for the logs: {reference}.";

    /// <summary>Moves focus to what replaced the button just pressed (the preview or the report), so it does not fall to the page.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusNext is { } next)
        {
            _focusNext = null;
            await next().FocusAsync();
        }
    }

    private async Task<Portal.Domain.Security.Actor> ActorAsync() => await Actors.ResolveAsync((await AuthState).User);
}
