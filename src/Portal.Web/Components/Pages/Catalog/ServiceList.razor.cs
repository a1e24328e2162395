using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>
/// The services grid. Filters, page and sort live in the query string so a view can be shared as a
/// link; paging, sorting, filtering and counting all happen in the database.
/// </summary>
public partial class ServiceList
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<ServiceSummaryDto>? _grid;
    private string _loadedFilterKey = "";

    [SupplyParameterFromQuery] public string? Q { get; set; }

    [SupplyParameterFromQuery] public string? Owner { get; set; }

    [SupplyParameterFromQuery(Name = "tier")] public string? TierText { get; set; }

    [SupplyParameterFromQuery] public string? Lifecycle { get; set; }

    [SupplyParameterFromQuery] public string? System { get; set; }

    [SupplyParameterFromQuery] public string? Kind { get; set; }

    [SupplyParameterFromQuery] public string? Tag { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? SizeText { get; set; }

    [SupplyParameterFromQuery] public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "desc")] public string? DescText { get; set; }

    private int? Tier => AddressValue.Number(TierText);

    private int Page => AddressValue.PageNumber(PageText);

    private int PageSize => AddressValue.OneOf(SizeText, PageSizes, 25);

    private bool Desc => AddressValue.Flag(DescText) ?? false;

    private bool HasFilters => FilterKey != "||||||";

    private string FilterKey => string.Join('|', Q, Owner, Tier, Lifecycle, System, Kind, Tag);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Back/forward or a shared link changed the filters: reload the grid from the database.
        if (!firstRender && _grid is not null && _loadedFilterKey != FilterKey)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task<GridData<ServiceSummaryDto>> LoadAsync(GridState<ServiceSummaryDto> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortTag = sort is null ? Sort : SortTag(sort.SortBy);
        var descending = sort?.Descending ?? Desc;
        _loadedFilterKey = FilterKey;
        var page = await Queries.ListServicesAsync(
            new ServiceQuery
            {
                Page = state.Page + 1,
                PageSize = state.PageSize,
                Q = Q,
                Owner = Owner,
                Tier = Tier,
                Lifecycle = Enum.TryParse<Lifecycle>(Lifecycle, true, out var l) ? l : null,
                System = System,
                Kind = Kind,
                Tag = Tag,
                SortBy = sortTag,
                Descending = descending,
            },
            ct);

        SyncUrl(state.Page + 1, state.PageSize, sortTag, descending);
        return new GridData<ServiceSummaryDto> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>Maps the grid's column identifier onto the sort keys the query understands.</summary>
    private static string? SortTag(string sortBy) => sortBy.ToLowerInvariant() switch
    {
        "name" or "displayname" => "name",
        "owner" or "ownersortkey" or "ownerdisplayname" => "owner",
        "system" or "systemdisplayname" => "system",
        "tier" or "lifecycle" or "kind" => sortBy.ToLowerInvariant(),
        _ => null,
    };

    /// <summary>Paging and sorting replace the history entry, so Back leaves the page instead of stepping through pages.</summary>
    private void SyncUrl(int page, int pageSize, string? sort, bool desc)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["page"] = page == 1 ? null : page,
            ["size"] = pageSize == 25 ? null : pageSize,
            ["sort"] = sort,
            ["desc"] = desc ? true : null,
        });
        if (uri != Navigation.Uri)
        {
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    /// <summary>Changing a filter is a navigation, so Back undoes it and the address bar can be shared.</summary>
    private Task ApplyAsync(string key, object? value)
    {
        if (value is string text && string.IsNullOrWhiteSpace(text))
        {
            value = null;
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { [key] = value, ["page"] = null }));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("/catalog");
        return Task.CompletedTask;
    }

    private async Task<IEnumerable<string>> SuggestAsync(SuggestionKind kind, string? text, CancellationToken ct) =>
        await Queries.SuggestAsync(kind, text, 20, ct);
}
