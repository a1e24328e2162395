using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>
/// The org view of debt capacity for one quarter (<c>/debt/capacity?quarter=2027-Q1</c>, shareable): teams ranked by
/// unaddressed cost of delay, a chart per team and the team × signal heat map. Editors plan their teams' capacity.
/// </summary>
public partial class CapacityPage
{
    /// <summary>Teams per page in the ranking and the charts.</summary>
    public const int TeamsPerPage = 12;

    private CapacityOverview? _overview;
    private Quarter _quarter;
    private Quarter _current;
    private string? _quarterError;
    private Actor? _actor;
    private int _page = 1;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private CapacityQueries Queries { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "quarter")] public string? QuarterText { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    private int PageNumber => AddressValue.PageNumber(PageText);

    private int PageCount => _overview is null ? 0 : (_overview.Teams.Count + TeamsPerPage - 1) / TeamsPerPage;

    protected override async Task OnParametersSetAsync()
    {
        _actor = await Actors.ResolveAsync((await AuthState).User);
        _current = Quarter.Of(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime));
        _quarterError = null;
        if (string.IsNullOrWhiteSpace(QuarterText))
        {
            _quarter = _current;
        }
        else if (!Quarter.TryParse(QuarterText, out _quarter))
        {
            _quarterError = $"'{QuarterText}' is not a quarter like {_current}; showing {_current}.";
            _quarter = _current;
        }

        await LoadAsync();
        _page = Math.Clamp(PageNumber, 1, Math.Max(1, PageCount));
    }

    // The viewer's own teams are always listed, so an editor can start planning a team that has no debt yet.
    private async Task LoadAsync() => _overview = await Queries.OverviewAsync(_quarter, _actor?.TeamIds);

    private IEnumerable<(TeamCapacityPlan Plan, int Rank)> PageOfTeams() =>
        _overview!.Teams.Select((p, i) => (p, i + 1)).Skip((_page - 1) * TeamsPerPage).Take(TeamsPerPage);

    private string Link(Quarter quarter) => $"/debt/capacity?quarter={quarter}";

    private void GoToPage(int page) => Navigation.NavigateTo($"{Link(_quarter)}&page={page}");

    private string Summary()
    {
        var teams = _overview!.Teams;
        var under = teams.Count(t => t.Numbers.Standing == CapacityStanding.Under);
        var over = teams.Count(t => t.Numbers.Standing == CapacityStanding.Over);
        var unset = teams.Count(t => t.Numbers.Standing == CapacityStanding.NotSet);
        return $"{teams.Count} team(s): {under} under their reservation, {over} over, {unset} without capacity figures; "
            + $"{DebtFormat.Hours(teams.Sum(t => t.Numbers.UnaddressedCostOfDelay))} h of cost of delay unaddressed.";
    }

    private async Task EditAsync(TeamCapacityPlan plan)
    {
        var dialog = await Dialogs.ShowAsync<CapacityDialog>(
            $"Capacity of {plan.TeamName}",
            new DialogParameters<CapacityDialog> { { d => d.Plan, plan } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var saved = await dialog.Result is { Canceled: false };

        // The dialog saves as whoever is signed in then; the Edit buttons follow that (a demotion or an unlink since the page loaded).
        _actor = await Actors.ResolveAsync((await AuthState).User);
        await LoadAsync();
        if (saved)
        {
            Snackbar.Add($"Capacity of {plan.TeamName} for {_quarter} saved.", Severity.Success);
        }
    }
}
