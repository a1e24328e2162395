using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Debt;
using Portal.Web.Components.Shared;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Web.Components.Pages.Reviews;

/// <summary>
/// One quarter's review: readiness, what it looks at (live while open, frozen once closed), findings, decisions
/// and action items, the previous review's items, and closing (a background job whose progress refreshes here).
/// </summary>
public sealed partial class ReviewPage : IDisposable
{
    [Parameter] public required string Quarter { get; set; }

    [Inject] private ReviewQueries Reviews { get; set; } = null!;

    [Inject] private ReviewCommands Commands { get; set; } = null!;

    [Inject] private ScorecardQueries Scorecards { get; set; } = null!;

    [Inject] private ReviewRecordCommands Records { get; set; } = null!;

    [Inject] private ActionItemDebtCommands ActionDebt { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ILogger<ReviewPage> Logger { get; set; } = null!;

    private List<BreadcrumbItem> _crumbs = [];
    private ReviewView? _view;
    private ReviewContent? _content;
    private ReviewReadiness? _readiness;
    private ScorecardFreshness? _freshness;
    private IReadOnlyList<TeamInfo> _teams = [];
    private Actor? _actor;
    private bool _missing;
    private bool _busy;
    private string? _closeError;
    private string? _noteError;
    private string? _actionError;
    private string? _statusError;
    private ActionItemDto? _dropping;
    private ActionItemDto? _editingAction;
    private string? _dropReason;
    private ActionItemForm? _form;
    private LiveRefresh? _refresh;

    private bool CanRecord => _view is { Status: ReviewStatus.Open, MayRun: true };

    /// <summary>Admins change every action item; editors their teams' (an organisation review is run by every editor).</summary>
    private bool MayChangeAction(ActionItemDto item) =>
        _actor is { } actor && item.OwnerTeamId is { } team && ReviewPermissions.MayChangeActionItem(actor, team);

    /// <summary>The recorded notes: live while open, as frozen once closed.</summary>
    private IReadOnlyList<NoteDto> Notes => _content is { Live: false } c
        ? [.. c.Content.Notes.Select(n => new NoteDto(n.Id, n.Kind, n.Text, n.Signal, null, n.Team, n.By, n.At, 0))]
        : _view?.Notes ?? [];

    protected override async Task OnParametersSetAsync()
    {
        _actor = await CurrentActorAsync();
        _teams = await Reviews.TeamsAsync();
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _refresh = new LiveRefresh(Logger);
            _refresh.Start(TickAsync);
        }
    }

    private async Task LoadAsync()
    {
        _view = await Reviews.GetAsync(Quarter, _actor);
        _missing = _view is null;
        if (_view is null)
        {
            ShowNoReview(Quarter);
            return;
        }

        _crumbs = [new("Reviews", "/reviews"), new(_view.Quarter, null, disabled: true)];
        // An open review reads live results: say when they are the stored ones while a background pass runs.
        _freshness = _view.Status == ReviewStatus.Closed ? null : await Scorecards.FreshnessAsync();
        _content = await Reviews.ContentAsync(_view.Quarter);
        _readiness = _view.Status == ReviewStatus.Closed ? null : await Reviews.ReadinessAsync(_view.Quarter);
    }

    /// <summary>While a close runs, reload every tick so the progress bar moves; re-render only then.</summary>
    private Task TickAsync(CancellationToken ct) => InvokeAsync(async () =>
    {
        if (_view?.Status != ReviewStatus.Closing)
        {
            return;
        }

        await LoadAsync();
        StateHasChanged();
    });

    private string CompareHref(string previous) =>
        $"/reviews/compare?from={previous}&to={(_view!.Status == ReviewStatus.Closed ? _view.Quarter : "now")}";

    private async Task CloseAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Close the {_view!.Quarter} review?",
            "Closing freezes everything the review looked at, with its findings, decisions and action items. Afterwards nothing can be recorded in it; only an admin can reopen it, as a new revision.",
            yesText: "Close the review", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(actor => Commands.RequestCloseAsync(actor, _view.Quarter), e => _closeError = e);
    }

    private Task CancelCloseAsync() => RunAsync(actor => Commands.CancelCloseAsync(actor, _view!.Quarter), e => _closeError = e);

    private Task ReopenAsync(string reason) => RunAsync(actor => Commands.ReopenAsync(actor, _view!.Quarter, reason, _view.Version), e => _closeError = e);

    private Task RecordNoteAsync(Domain.Reviews.Commands.NoteInput input) =>
        RunAsync(actor => Records.AddNoteAsync(actor, _view!.Quarter, input), e => _noteError = e, () => Snackbar.Add($"{input.Kind} recorded", Severity.Success));

    private Task AddActionItemAsync(ActionItemFormModel model) =>
        RunAsync(actor => Records.AddActionItemAsync(actor, _view!.Quarter, model.ToInput()), e => _actionError = e, () =>
        {
            _form?.Reset();
            Snackbar.Add("Action item added", Severity.Success);
        });

    private Task EditNoteAsync((NoteDto Note, Domain.Reviews.Commands.NoteInput Input) change) =>
        RunAsync(actor => Records.EditNoteAsync(actor, change.Note.Id, change.Input, change.Note.Version), e => _noteError = e, () => Snackbar.Add("Saved", Severity.Success));

    private async Task DeleteNoteAsync(NoteDto note)
    {
        var kind = note.Kind == ReviewNoteKind.Decision ? "decision" : "finding";
        if (await ConfirmAsync($"Delete this {kind}?", $"“{Shorten(note.Text)}” is removed from the review. The audit log keeps what it said.") &&
            await RunAsync(actor => Records.DeleteNoteAsync(actor, note.Id, note.Version), e => _noteError = e))
        {
            Snackbar.Add($"The {kind} was deleted", Severity.Success);
        }
    }

    private void StartEditAction(ActionItemDto item)
    {
        _actionError = null;
        _editingAction = item;
    }

    private Task SaveActionAsync(ActionItemFormModel model) =>
        RunAsync(actor => Records.EditActionItemAsync(actor, _editingAction!.Id, model.ToInput(), _editingAction.Version), e => _actionError = e, () =>
        {
            _editingAction = null;
            Snackbar.Add("Action item saved", Severity.Success);
        });

    private async Task DeleteActionAsync(ActionItemDto item)
    {
        if (await ConfirmAsync($"Delete “{item.Title}”?", "The action item is removed from the review. To record that it will not be done, drop it instead.") &&
            await RunAsync(actor => Records.DeleteActionItemAsync(actor, item.Id, item.Version), e => _statusError = e))
        {
            if (_editingAction?.Id == item.Id)
            {
                _editingAction = null;
            }

            Snackbar.Add("Action item deleted", Severity.Success);
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: "Delete", cancelText: "Cancel") == true;

    private static string Shorten(string text) => TextCut.Shorten(text, 80);

    private async Task SetStatusAsync((ActionItemDto Item, ActionItemStatus Status) change)
    {
        if (change.Status == ActionItemStatus.Dropped)
        {
            _dropping = change.Item;
            _dropReason = null;
            return;
        }

        await RunAsync(actor => Records.SetActionItemStatusAsync(actor, change.Item.Id, change.Status, null, change.Item.Version), e => _statusError = e);
    }

    /// <summary>Opens the debt form filled in from the action item; saving logs the item and links both ways.</summary>
    private async Task LogDebtAsync(ActionItemDto item)
    {
        var dialog = await Dialogs.ShowAsync<DebtItemDialog>(
            "Log technical debt",
            new DialogParameters<DebtItemDialog>
            {
                { d => d.Prefill, await ActionDebt.DraftAsync(item) },
                { d => d.CreateWith, async (edit, allowDuplicate) => await ActionDebt.CreateDebtItemAsync(await CurrentActorAsync(), item.Id, edit, item.Version, allowDuplicate) },
            },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"'{item.Title}' is now tracked as a debt item.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ConfirmDropAsync()
    {
        var item = _dropping!;
        await RunAsync(actor => Records.SetActionItemStatusAsync(actor, item.Id, ActionItemStatus.Dropped, _dropReason, item.Version), e => _statusError = e, () => _dropping = null);
    }

    /// <summary>
    /// Runs a command as whoever is signed in now (role, sign-in link and teams read again, not as the page loaded),
    /// shows a refusal in words where it belongs, and reloads with that actor, so the buttons follow; true when it
    /// succeeded.
    /// </summary>
    private async Task<bool> RunAsync(Func<Actor, Task> command, Action<string?> error, Action? done = null)
    {
        _busy = true;
        error(null);
        var succeeded = false;
        try
        {
            _actor = await CurrentActorAsync();
            await command(_actor);
            done?.Invoke();
            succeeded = true;
        }
        catch (DomainValidationException ex)
        {
            error($"{ex.Field}: {ex.Reason}");
        }
        catch (Exception ex) when (ex is ForbiddenException or ConcurrencyConflictException or NotFoundException)
        {
            error(ex.Message);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
        return succeeded;
    }

    public void Dispose() => _refresh?.Dispose();
}
