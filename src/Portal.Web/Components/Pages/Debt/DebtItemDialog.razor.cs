using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Debt;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>Creates (no <see cref="ItemId"/>) or edits a debt item; closes with the item's id when saved.</summary>
public partial class DebtItemDialog
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);
    private DebtItemEditModel _model = new();
    private MudAutocomplete<string>? _serviceBox;
    private IReadOnlyList<string> _quarters = [];
    private IReadOnlyList<DebtItemRef>? _duplicates;
    private string? _serviceToAdd;
    private string? _error;
    private bool _loading = true;
    private bool _saving;
    private bool _conflict;

    // The GitHub issue this item mirrors (null when it mirrors none), and whether the item was open when loaded: the
    // sync owns the title, description, open/closed state and the issue link, so the form does not offer to change them.
    private string? _mirrors;
    private bool _openWhenLoaded = true;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    /// <summary>The item to edit; null to create one.</summary>
    [Parameter] public Guid? ItemId { get; set; }

    /// <summary>Values to start a new item with (a service page's service, an accepted finding).</summary>
    [Parameter] public DebtItemEdit? Prefill { get; set; }

    /// <summary>
    /// Saves a new item for a caller that ties it to something (an action item becoming a debt item): gets the edit
    /// and whether duplicates are allowed, returns the new item's id. Null: the register's own create.
    /// </summary>
    [Parameter] public Func<DebtItemEdit, bool, Task<Guid>>? CreateWith { get; set; }

    [Inject] private DebtQueries Queries { get; set; } = null!;

    [Inject] private DebtCommands Commands { get; set; } = null!;

    [Inject] private CatalogQueries Catalog { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>The statuses the form offers: a mirrored item opens and closes with its GitHub issue, so only its open statuses (or its closed one).</summary>
    private IEnumerable<DebtStatus> Statuses => _mirrors is null
        ? Enum.GetValues<DebtStatus>()
        : _openWhenLoaded ? Enum.GetValues<DebtStatus>().Where(s => s is not (DebtStatus.Done or DebtStatus.WontFix)) : [_model.Status];

    private bool IsIssueLink(DebtItemEditModel.LinkRow link) => _mirrors is not null && link.Url?.Trim() == _mirrors;

    private bool IsDeliberate => _model.Quadrant is DebtQuadrant.DeliberatePrudent or DebtQuadrant.DeliberateReckless;

    protected override async Task OnInitializedAsync()
    {
        _quarters = DebtFormat.Quarters(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        if (ItemId is { } id && await Queries.GetAsync(id) is { } item)
        {
            _model = DebtItemEditModel.From(item);
            _mirrors = item.Summary.Source == DataSource.GitHub ? item.Summary.ExternalUrl : null;
            _openWhenLoaded = item.Status is not (DebtStatus.Done or DebtStatus.WontFix);
        }
        else if (Prefill is not null)
        {
            _model = DebtItemEditModel.From(Prefill);
        }

        if (_model.TargetQuarter is { } q && !_quarters.Contains(q))
        {
            _quarters = [q, .. _quarters];
        }

        _loading = false;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Err(string field) => _errors.GetValueOrDefault(field);

    private async Task AddServiceAsync(string? service)
    {
        if (string.IsNullOrWhiteSpace(service))
        {
            return;
        }

        if (!_model.Services.Contains(service, StringComparer.Ordinal))
        {
            _model.Services.Add(service);
            _errors.Remove("services");
        }

        // The box is for adding one more; the chips below show what is chosen.
        _serviceToAdd = null;
        if (_serviceBox is not null)
        {
            await _serviceBox.ClearAsync();
        }
    }

    private async Task<IEnumerable<string>> SuggestServicesAsync(string? text, CancellationToken ct) =>
        (await Catalog.SuggestAsync(SuggestionKind.Service, text, 20, ct)).Except(_model.Services);

    private async Task<IEnumerable<string>> SuggestTeamsAsync(string? text, CancellationToken ct) =>
        await Catalog.SuggestAsync(SuggestionKind.Team, text, 20, ct);

    private async Task SaveAsync(bool allowDuplicate)
    {
        // A second click (or Enter) before the first save re-rendered the button disabled must not save twice.
        if (_saving)
        {
            return;
        }

        _saving = true;
        _error = null;
        _errors.Clear();
        _conflict = false;
        var wasWontFix = ItemId is not null && _model.Status == DebtStatus.WontFix;
        var problems = _model.ToEdit().Problems(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime))
            .Where(p => !(wasWontFix && p.Field == "revisitOn" && p.Reason == "must be after today"))
            .ToList();
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                _errors[p.Field] = p.Reason;
            }

            _error = problems.Count == 1 ? "Not saved: one field needs attention." : $"Not saved: {problems.Count} fields need attention.";
            _saving = false;
            return;
        }

        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            if (ItemId is { } id)
            {
                await Commands.UpdateAsync(actor, id, _model.ToEdit(), _model.Version, allowDuplicate);
                MudDialog.Close(DialogResult.Ok(id));
            }
            else
            {
                var created = CreateWith is { } create
                    ? await create(_model.ToEdit(), allowDuplicate)
                    : (await Commands.CreateAsync(actor, _model.ToEdit(), allowDuplicate)).Id;
                MudDialog.Close(DialogResult.Ok(created));
            }
        }
        catch (DomainValidationException ex)
        {
            _errors[ex.Field] = ex.Reason;
            _error = $"Not saved: {ex.Field} {ex.Reason}.";
        }
        catch (DuplicateDebtException ex)
        {
            _duplicates = ex.Duplicates;
        }
        catch (ConcurrencyConflictException ex) when (ItemId is null)
        {
            // Creating for something else (an action item) that changed meanwhile: one save, so nothing was logged.
            _error = ex.Message;
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = true;
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        _errors.Clear();
        await LoadAsync();
    }

    private void Cancel() => MudDialog.Cancel();
}
