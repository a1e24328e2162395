using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Web.Auth;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>
/// The register: every debt item, sorted by priority in SQL. Filters, page and sort live in the address bar so a
/// view can be shared; editors log, edit and bulk-change items; every number opens into "why this number".
/// </summary>
public partial class DebtRegister
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<DebtItemSummaryDto>? _grid;
    private HashSet<DebtItemSummaryDto> _selected = [];
    private IReadOnlyList<string> _quarters = [];
    private string _loadedFilterKey = "";
    private DebtTotals? _totals;
    private string? _filterError;
    private bool _canCreate;
    private bool _initialized;
    private bool _logHandled;
    private DateOnly _today;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private DebtQueries Queries { get; set; } = null!;

    [Inject] private DebtCommands Commands { get; set; } = null!;

    [Inject] private CatalogQueries Catalog { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [SupplyParameterFromQuery] public string? Q { get; set; }

    [SupplyParameterFromQuery] public string? Team { get; set; }

    [SupplyParameterFromQuery] public string? Service { get; set; }

    [SupplyParameterFromQuery] public string? Signal { get; set; }

    [SupplyParameterFromQuery] public string? Kind { get; set; }

    [SupplyParameterFromQuery] public string? Quadrant { get; set; }

    [SupplyParameterFromQuery] public string? Status { get; set; }

    [SupplyParameterFromQuery] public string? Quarter { get; set; }

    /// <summary><c>github</c>: only items mirroring a GitHub issue; <c>portal</c>: only the others.</summary>
    [SupplyParameterFromQuery] public string? Source { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? SizeText { get; set; }

    [SupplyParameterFromQuery] public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "desc")] public string? DescText { get; set; }

    /// <summary><c>new</c>: open the "Log debt" form at once, prefilled with the service or team filter (the service and team pages link here).</summary>
    [SupplyParameterFromQuery] public string? Log { get; set; }

    private int Page => AddressValue.PageNumber(PageText);

    private int PageSize => AddressValue.OneOf(SizeText, PageSizes, 25);

    private bool? Desc => AddressValue.Flag(DescText);

    private string FilterKey => string.Join('|', Q, Team, Service, Signal, Kind, Quadrant, Status, Quarter, Source);

    /// <summary>Anything narrower than the default view (every open item).</summary>
    private bool HasFilters => FilterKey != "||||||open||";

    protected override async Task OnInitializedAsync()
    {
        _today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        _quarters = DebtFormat.Quarters(_today);
        var actor = await Actors.ResolveAsync((await AuthState).User);
        _canCreate = actor.Role is PortalRole.Editor or PortalRole.Admin;
        _initialized = true;
    }

    protected override void OnParametersSet()
    {
        Status = string.IsNullOrWhiteSpace(Status) ? "open" : Status;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_initialized && !_logHandled && string.Equals(Log, "new", StringComparison.OrdinalIgnoreCase))
        {
            _logHandled = true;
            await LogFromLinkAsync();
            return;
        }

        // Back/forward or a shared link changed the filters: reload the grid from the database.
        if (!firstRender && _grid is not null && _loadedFilterKey != FilterKey)
        {
            await _grid.ReloadServerData();
        }
    }

    private DebtQuery BuildQuery(int page, int pageSize, string? sort, bool? descending)
    {
        _filterError = null;
        return new DebtQuery
        {
            Page = page,
            PageSize = pageSize,
            Q = Q,
            Team = Team,
            Service = Service,
            Signal = AddressValue.Filter<ScalingSignal>(Signal, "signal", ScalingSignals.TryParse, ref _filterError),
            Kind = AddressValue.Filter<DebtKind>(Kind, "kind", DebtEnums.TryParse, ref _filterError),
            Quadrant = AddressValue.Filter<DebtQuadrant>(Quadrant, "quadrant", DebtEnums.TryParse, ref _filterError),
            Status = Status,
            Quarter = Quarter,
            Source = Source is "github" or "portal" ? Source : null,
            Sort = sort,
            Descending = descending,
        };
    }

    private async Task<GridData<DebtItemSummaryDto>> LoadAsync(GridState<DebtItemSummaryDto> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortTag = sort is null ? Sort : SortTag(sort.SortBy);
        bool? descending = sort is null ? Desc : sort.Descending;
        _loadedFilterKey = FilterKey;
        try
        {
            var query = BuildQuery(state.Page + 1, state.PageSize, sortTag, descending);
            var page = await Queries.ListAsync(query, ct);
            _totals = await Queries.TotalsAsync(query, ct);
            SyncUrl(state.Page + 1, state.PageSize, sortTag, descending);
            return new GridData<DebtItemSummaryDto> { Items = page.Items, TotalItems = page.Total };
        }
        catch (DomainValidationException ex)
        {
            _filterError = $"The {ex.Field} in the address is not valid: {ex.Reason}.";
            _totals = null;
            return new GridData<DebtItemSummaryDto> { Items = [], TotalItems = 0 };
        }
        finally
        {
            StateHasChanged();
        }
    }

    /// <summary>Maps the grid's column identifier onto the sort keys the query understands.</summary>
    private static string? SortTag(string sortBy) => sortBy.ToLowerInvariant() switch
    {
        "priority" => "priority",
        "title" => "title",
        "costofdelay" => "costOfDelay",
        "effortdays" or "effort" => "effort",
        "status" => "status",
        "signal" => "signal",
        "targetquarter" or "quarter" => "quarter",
        _ => null,
    };

    /// <summary>Paging and sorting replace the history entry, so Back leaves the page instead of stepping through pages.</summary>
    private void SyncUrl(int page, int pageSize, string? sort, bool? desc)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["page"] = page == 1 ? null : page,
            ["size"] = pageSize == 25 ? null : pageSize,
            // The default (priority, highest first) keeps the address short; anything else, ascending priority included, is written out.
            ["sort"] = IsDefaultSort(sort, desc) ? null : sort,
            ["desc"] = IsDefaultSort(sort, desc) || sort is null ? null : desc,
        });
        if (uri != Navigation.Uri)
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    /// <summary>The column's sort when the page opens, from the address (priority, highest first, by default).</summary>
    private SortDirection Initial(string tag, bool numeric)
    {
        var wanted = string.IsNullOrWhiteSpace(Sort) ? "priority" : Sort.Trim();
        var matches = string.Equals(wanted, tag, StringComparison.OrdinalIgnoreCase)
            || (tag == "costOfDelay" && wanted.Equals("cost", StringComparison.OrdinalIgnoreCase))
            || (tag == "quarter" && wanted.Equals("targetQuarter", StringComparison.OrdinalIgnoreCase))
            || (tag == "effort" && wanted.Equals("effortDays", StringComparison.OrdinalIgnoreCase));
        if (!matches)
        {
            return SortDirection.None;
        }

        return (Desc ?? numeric) ? SortDirection.Descending : SortDirection.Ascending;
    }

    private static bool IsDefaultSort(string? sort, bool? desc) =>
        (sort is null || string.Equals(sort, "priority", StringComparison.OrdinalIgnoreCase)) && desc is null or true;

    /// <summary>Changing a filter is a navigation, so Back undoes it and the address bar can be shared.</summary>
    private Task ApplyAsync(string key, object? value)
    {
        if (value is string text && string.IsNullOrWhiteSpace(text))
        {
            value = null;
        }

        _selected.Clear();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { [key] = value, ["page"] = null }));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        _selected.Clear();
        Navigation.NavigateTo("/debt");
        return Task.CompletedTask;
    }

    private async Task<IEnumerable<string>> SuggestAsync(SuggestionKind kind, string? text, CancellationToken ct) =>
        await Catalog.SuggestAsync(kind, text, 20, ct);

    /// <summary>
    /// A "Log debt" link from a service or team page: the form opens at once, and the address drops <c>log</c> so a
    /// reload or Back does not open it again.
    /// </summary>
    private async Task LogFromLinkAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("log", (string?)null), replace: true);
        if (!_canCreate)
        {
            Snackbar.Add("Only editors and admins may log debt; viewers may add reports of pain to an item.", Severity.Info);
            return;
        }

        var prefill = !string.IsNullOrWhiteSpace(Service) ? DebtPrefill.ForService(Service)
            : !string.IsNullOrWhiteSpace(Team) ? DebtPrefill.ForTeam(Team)
            : null;
        await OpenCreateAsync(prefill);
    }

    private Task CreateAsync() => OpenCreateAsync(string.IsNullOrWhiteSpace(Service) ? null : DebtPrefill.ForService(Service));

    private async Task OpenCreateAsync(DebtItemEdit? prefill)
    {
        var dialog = await Dialogs.ShowAsync<DebtItemDialog>(
            "Log technical debt",
            new DialogParameters<DebtItemDialog> { { d => d.Prefill, prefill } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: Guid id })
        {
            Snackbar.Add("Logged. It is ranked by priority below.", Severity.Success);
            Navigation.NavigateTo($"/debt/{id}");
        }
    }

    private async Task ExplainAsync(DebtItemSummaryDto item) =>
        await Dialogs.ShowAsync<DebtExplanationDialog>(
            "Why this number",
            new DialogParameters<DebtExplanationDialog> { { d => d.Item, item } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });

    private async Task ChangeStatusAsync()
    {
        var dialog = await Dialogs.ShowAsync<DebtStatusDialog>(
            "Change status",
            new DialogParameters<DebtStatusDialog> { { d => d.Count, _selected.Count } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: DebtStatusChange change })
        {
            return;
        }

        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            var result = await Commands.SetStatusAsync(actor, _selected.ToDictionary(i => i.Id, i => i.Version), change);
            if (result.Changed.Count > 0)
            {
                Snackbar.Add($"{result.Changed.Count} item(s) are now {DebtFormat.Status(change.Status)}.", Severity.Success);
            }

            foreach (var (item, reason) in result.Refused)
            {
                Snackbar.Add($"'{item.Title}' was not changed: {reason}.", Severity.Warning);
            }
        }
        catch (Exception ex) when (ex is DomainValidationException or ConcurrencyConflictException or ForbiddenException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        _selected.Clear();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }
}
