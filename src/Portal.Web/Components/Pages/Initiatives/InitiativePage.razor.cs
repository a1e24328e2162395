using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Initiatives;

/// <summary>
/// One initiative: the target in words, its progress and burn-up, and the services still short. Admins and editors of
/// the owner team (<see cref="InitiativeCommands.MayChange"/>) edit it and complete, cancel or reactivate it after
/// confirming; a change someone else saved in between is refused and said so.
/// </summary>
public sealed partial class InitiativePage
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private InitiativeQueries Queries { get; set; } = null!;

    [Inject] private InitiativeCommands Commands { get; set; } = null!;

    [Inject] private ReviewQueries Reviews { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private MarkdownRenderer Markdown { get; set; } = null!;

    private List<BreadcrumbItem> _crumbs = [];
    private InitiativeView? _view;
    private IReadOnlyList<TeamInfo> _teams = [];
    private IReadOnlyList<TeamInfo> _ownerTeams = [];
    private InitiativeFormModel? _form;
    private Actor? _actor;
    private string? _fromQuarter;
    private string? _error;
    private string? _formError;
    private DateOnly _today;
    private bool _missing;
    private bool _mayChange;
    private bool _editing;
    private bool _conflict;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        _teams = await Reviews.TeamsAsync();
        await ReadActorAsync();
        await LoadAsync();
    }

    /// <summary>Who is signed in now (role, sign-in link and teams), and what that lets them change here.</summary>
    private async Task<Actor> ReadActorAsync()
    {
        var actor = await CurrentActorAsync();
        _actor = actor;
        _ownerTeams = [.. _teams.Where(t => InitiativeCommands.MayChange(actor, t.Id))];
        _mayChange = _view is not null && InitiativeCommands.MayChange(actor, _teams.FirstOrDefault(t => t.Ref == _view.Summary.OwnerTeam)?.Id);
        return actor;
    }

    /// <summary>Editors scope to their own teams (<see cref="InitiativeCommands.MayScope"/>); teams already in scope stay listed.</summary>
    private IReadOnlyList<TeamInfo>? ScopeChoices => _actor?.IsAdmin == true
        ? null
        : [.. _teams.Where(t => _ownerTeams.Contains(t) || (_view?.ScopeTeamRefs.Contains(t.Ref) ?? false))];

    private async Task LoadAsync()
    {
        _today = Today;
        _view = await Queries.GetAsync(Id, _today);
        _missing = _view is null;
        if (_view is null)
        {
            return;
        }

        var s = _view.Summary;
        _crumbs = [new("Initiatives", InitiativeFormat.ListHref), new(s.Title, null, disabled: true)];
        var owner = _teams.FirstOrDefault(t => t.Ref == s.OwnerTeam);
        _mayChange = _actor is not null && InitiativeCommands.MayChange(_actor, owner?.Id);
        _fromQuarter = s.FromActionItemId is { } item ? (await Reviews.ActionItemAsync(item))?.Quarter : null;
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        _error = null;
        _editing = false;
        await LoadAsync();
    }

    private void StartEdit()
    {
        _form = InitiativeFormModel.From(_view!);
        _formError = null;
        _conflict = false;
        _editing = true;
    }

    private void CancelEdit()
    {
        _editing = false;
        _formError = null;
    }

    private async Task SaveAsync(InitiativeFormModel model)
    {
        if (await RunAsync(actor => Commands.UpdateAsync(actor, Id, model.ToInput(), _view!.Summary.Version), e => _formError = e))
        {
            _editing = false;
            Snackbar.Add("Initiative saved", Severity.Success);
        }
    }

    private async Task SetStatusAsync(InitiativeStatus status)
    {
        var title = _view!.Summary.Title;
        var (question, message, yes) = status switch
        {
            InitiativeStatus.Completed => ($"Mark “{title}” completed?",
                _view.Summary.Met >= _view.Summary.Total
                    ? "Every service in scope meets the target. It leaves the list of active initiatives and the next review no longer follows it."
                    : $"{_view.Summary.Total - _view.Summary.Met} services in scope still fall short. Completed, it leaves the list of active initiatives and the next review no longer follows it.",
                "Mark completed"),
            InitiativeStatus.Cancelled => ($"Cancel “{title}”?",
                "It stays on record as cancelled; the next review no longer follows it. It can be made active again later.", "Cancel initiative"),
            _ => ($"Make “{title}” active again?", "It is followed again: its progress shows on the list and on the next review.", "Make active"),
        };
        if (await Dialogs.ShowMessageBoxAsync(question, message, yesText: yes, cancelText: "Keep it as it is") != true)
        {
            return;
        }

        if (await RunAsync(actor => Commands.SetStatusAsync(actor, Id, status, _view.Summary.Version), e => _error = e))
        {
            Snackbar.Add($"The initiative is {InitiativeFormat.Status(status).ToLowerInvariant()}", Severity.Success);
        }
    }

    /// <summary>
    /// Runs a command as whoever is signed in now (not as the page loaded; the buttons follow); a refusal is shown
    /// where it belongs, a conflict asks to reload. True when it succeeded.
    /// </summary>
    private async Task<bool> RunAsync(Func<Actor, Task> command, Action<string?> error)
    {
        _busy = true;
        _error = null;
        error(null);
        try
        {
            await command(await ReadActorAsync());
            await LoadAsync();
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = true;
            return false;
        }
        catch (DomainValidationException ex)
        {
            error($"{Field(ex.Field)}: {ex.Reason}");
            return false;
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            error(ex.Message);
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The field as the form labels it.</summary>
    internal static string Field(string field) => field switch
    {
        "title" => "Title",
        "description" => "Why, and how",
        "signal" => "Signal",
        "targetLevel" => "Target level",
        "maxTier" => "Which services",
        "ownerTeam" => "Owner team",
        "teams" => "Teams in scope",
        "startsOn" => "Counted from",
        "dueOn" => "Due on",
        "fromActionItem" => "Action item",
        _ => field,
    };
}
