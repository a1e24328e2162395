using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Web.Auth;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Initiatives;

/// <summary>
/// Every initiative with its progress now, paged in the database; status, owner team, signal and page live in the
/// address so a view can be shared. Editors and admins start new ones here; most grow out of a review's action item.
/// </summary>
public sealed partial class InitiativesPage
{
    private const int PageSize = 25;

    private Page<InitiativeSummary>? _page;
    private string? _filterError;
    private bool _mayCreate;
    private DateOnly _today;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private InitiativeQueries Queries { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private ViewerContext Viewer { get; set; } = null!;

    [SupplyParameterFromQuery] public string? Status { get; set; }

    [SupplyParameterFromQuery] public string? Team { get; set; }

    [SupplyParameterFromQuery] public string? Signal { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    private int Page => AddressValue.PageNumber(PageText);

    private bool HasFilters => !string.IsNullOrWhiteSpace(Status) || !string.IsNullOrWhiteSpace(Team) || !string.IsNullOrWhiteSpace(Signal);

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)PageSize);

    private string DueTitle => $"Counted from today where you are ({ViewerTime.Label(Viewer.Settings.TimeZone.Id)})";

    protected override async Task OnInitializedAsync()
    {
        var actor = await Actors.ResolveAsync((await AuthState).User);
        _mayCreate = actor.Role is PortalRole.Editor or PortalRole.Admin;
    }

    protected override async Task OnParametersSetAsync()
    {
        _today = InitiativeFormat.Today(Clock, Viewer.Settings.TimeZone);
        _filterError = null;
        var status = AddressValue.Filter<InitiativeStatus>(Status, "status", DebtEnums.TryParse, ref _filterError);
        var signal = AddressValue.Filter<ScalingSignal>(Signal, "signal", ScalingSignals.TryParse, ref _filterError);
        var team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim();
        try
        {
            _page = await Queries.ListAsync(new InitiativeFilter(status, team, Page, PageSize, signal), _today);
        }
        catch (DomainValidationException ex) when (ex.Field == "team")
        {
            _filterError = $"There is no team '{team}', so the owner filter is ignored.";
            _page = await Queries.ListAsync(new InitiativeFilter(status, null, Page, PageSize, signal), _today);
        }
        catch (DomainValidationException ex)
        {
            _filterError = $"The {ex.Field} in the address is not valid: {ex.Reason}.";
            _page = new Page<InitiativeSummary>([], 0, 1, PageSize);
        }
    }

    private static string Kebab(ScalingSignal signal) => DebtEnums.Kebab(signal.ToString());

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

    private Task ClearAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["status"] = null, ["team"] = null, ["signal"] = null, ["page"] = null,
        }));
        return Task.CompletedTask;
    }
}
