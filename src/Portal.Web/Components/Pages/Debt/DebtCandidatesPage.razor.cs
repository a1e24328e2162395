using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>
/// Suggested debt items from graph and ownership findings. Accepting opens the item form filled in (services,
/// signal, description, a link back to the finding); dismissing asks why. Filters and page live in the address.
/// </summary>
public partial class DebtCandidatesPage
{
    private const int PageSize = 20;

    private readonly List<BreadcrumbItem> _crumbs = [new("Tech debt", "/debt"), new("Suggested", null, disabled: true)];
    private Page<DebtCandidate>? _page;
    private IReadOnlyList<DebtCandidateDismissalDto>? _dismissed;
    private string? _error;
    private bool _canDecide;
    private bool _isAdmin;
    private string? _actorName;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private DebtCandidateQueries Candidates { get; set; } = null!;

    [Inject] private DebtCandidateCommands Commands { get; set; } = null!;

    [Inject] private CatalogQueries Catalog { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery] public string? Q { get; set; }

    [SupplyParameterFromQuery] public string? Kind { get; set; }

    [SupplyParameterFromQuery] public string? Team { get; set; }

    /// <summary>An affected service's reference (the service page's empty debt panel links here with it).</summary>
    [SupplyParameterFromQuery] public string? Service { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    private int Page => AddressValue.PageNumber(PageText);

    private bool HasFilters => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Kind) || !string.IsNullOrWhiteSpace(Team) || !string.IsNullOrWhiteSpace(Service);

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)PageSize);

    protected override async Task OnInitializedAsync()
    {
        var actor = await Actors.ResolveAsync((await AuthState).User);
        _canDecide = actor.Role is PortalRole.Editor or PortalRole.Admin;
        _isAdmin = actor.IsAdmin;
        _actorName = actor.Name;
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _error = null;
        var origin = AddressValue.Filter<DebtCandidateOrigin>(Kind, "finding", DebtEnums.TryParse, ref _error);

        _page = await Candidates.ListAsync(new DebtCandidateQuery(origin, Team, Service, Q, Page, PageSize));
        _dismissed = await Candidates.DismissedAsync();
    }

    private Task ApplyAsync(string key, object? value)
    {
        if (value is string text && string.IsNullOrWhiteSpace(text))
        {
            value = null;
        }

        var parameters = new Dictionary<string, object?> { [key] = value };
        if (key != "page")
        {
            parameters["page"] = null;
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters));
        return Task.CompletedTask;
    }

    private async Task AcceptAsync(DebtCandidate candidate)
    {
        var dialog = await Dialogs.ShowAsync<DebtItemDialog>(
            "Log technical debt",
            new DialogParameters<DebtItemDialog> { { d => d.Prefill, DebtPrefill.ForCandidate(candidate) } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: Guid id })
        {
            Snackbar.Add("Logged from the finding; it is linked back to it.", Severity.Success);
            Navigation.NavigateTo($"/debt/{id}");
        }
    }

    private async Task DismissAsync(DebtCandidate candidate)
    {
        var dialog = await Dialogs.ShowAsync<DebtDismissDialog>(
            "Dismiss the suggestion",
            new DialogParameters<DebtDismissDialog> { { d => d.Candidate, candidate } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Dismissed '{candidate.Title}'. It is listed under Dismissed below.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RestoreAsync(DebtCandidateDismissalDto dismissal)
    {
        try
        {
            await Commands.RestoreAsync(await Actors.ResolveAsync((await AuthState).User), dismissal.Key);
            Snackbar.Add($"'{dismissal.Title}' is suggested again, if the finding still stands.", Severity.Success);
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await LoadAsync();
    }

    private async Task<IEnumerable<string>> SuggestTeamsAsync(string? text, CancellationToken ct) =>
        await Catalog.SuggestAsync(SuggestionKind.Team, text, 20, ct);

    private async Task<IEnumerable<string>> SuggestServicesAsync(string? text, CancellationToken ct) =>
        await Catalog.SuggestAsync(SuggestionKind.Service, text, 20, ct);
}
