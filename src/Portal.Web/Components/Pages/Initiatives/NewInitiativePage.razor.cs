using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;

namespace Portal.Web.Components.Pages.Initiatives;

/// <summary>
/// Starts an initiative; with <c>?fromActionItem=</c> the form is filled in from that review action item, and saving
/// links the item to the new initiative in the same save. Only editors (for their teams) and admins get the form.
/// </summary>
public sealed partial class NewInitiativePage
{
    [Inject] private InitiativeCommands Commands { get; set; } = null!;

    [Inject] private ReviewQueries Reviews { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "fromActionItem")] public string? FromActionItem { get; set; }

    private readonly List<BreadcrumbItem> _crumbs = [new("Initiatives", InitiativeFormat.ListHref), new("New", null, disabled: true)];
    private IReadOnlyList<TeamInfo> _teams = [];
    private IReadOnlyList<TeamInfo> _ownerTeams = [];
    private InitiativeFormModel _form = new();
    private ActionItemDto? _item;
    private Actor? _actor;
    private DateOnly _today;
    private string? _refusal;
    private string? _error;
    private bool _loaded;

    protected override async Task OnParametersSetAsync()
    {
        _loaded = false;
        _refusal = null;
        _item = null;
        _actor = await CurrentActorAsync();
        _today = Today;
        _teams = await Reviews.TeamsAsync();
        _ownerTeams = [.. _teams.Where(t => InitiativeCommands.MayChange(_actor, t.Id))];
        _form = new InitiativeFormModel { StartsOn = _today.ToDateTime(TimeOnly.MinValue), DueOn = _today.AddDays(90).ToDateTime(TimeOnly.MinValue) };
        if (_ownerTeams.Count == 0)
        {
            _refusal = "Only admins and editors can start an initiative, for a team they are an editor of. Ask one of them, or an admin.";
        }
        else if (!string.IsNullOrWhiteSpace(FromActionItem))
        {
            await LoadActionItemAsync(FromActionItem.Trim());
        }

        _loaded = true;
    }

    private async Task LoadActionItemAsync(string id)
    {
        _item = Guid.TryParse(id, out var itemId) ? await Reviews.ActionItemAsync(itemId) : null;
        if (_item is null)
        {
            _refusal = $"There is no action item '{id}' to grow into an initiative. Start from the action item on its review, or fill in a new initiative without it.";
        }
        else if (_item.OwnerTeamId is not { } owner || !ReviewPermissions.MayUpdateStatus(_actor!, owner))
        {
            _refusal = $"“{_item.Title}” belongs to {_item.TeamName}: only admins and editors of that team may grow it into an initiative.";
        }
        else if (_item.Status == ActionItemStatus.Dropped)
        {
            _refusal = $"“{_item.Title}” was dropped from its review{(string.IsNullOrWhiteSpace(_item.StatusNote) ? "" : $" ({_item.StatusNote})")}: reopen it on the review before growing it into an initiative.";
        }
        else
        {
            _form = InitiativeFormModel.From(_item, _today);
        }
    }

    private async Task CreateAsync(InitiativeFormModel model)
    {
        _error = null;
        try
        {
            // As whoever is signed in now, not as the page loaded: an unlink or a demotion since counts.
            var id = await Commands.CreateAsync(await CurrentActorAsync(), model.ToInput(), _item?.Id, _item?.Version);
            Snackbar.Add(_item is null ? "Initiative created" : $"Initiative created; “{_item.Title}” now links to it", Severity.Success);
            Navigation.NavigateTo(InitiativeFormat.Href(id));
        }
        catch (DomainValidationException ex)
        {
            _error = $"{InitiativePage.Field(ex.Field)}: {ex.Reason}";
        }
        catch (ConcurrencyConflictException)
        {
            _error = "The action item was changed by someone else since this form opened; nothing was saved. Reload the page to start from what it says now.";
        }
        catch (ForbiddenException ex)
        {
            _error = ex.Message;
        }
    }

    private void Back() => Navigation.NavigateTo(_item is null ? InitiativeFormat.ListHref : $"/reviews/{_item.Quarter}");
}
