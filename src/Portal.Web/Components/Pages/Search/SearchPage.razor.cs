using Microsoft.AspNetCore.Components;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Search;

/// <summary>
/// Every search result, grouped by kind with the best match first (<c>/search?q=payments</c>), and all results of one kind page by
/// page (<c>&amp;kind=service&amp;page=2</c>). Everything is in the address, so a search can be shared.
/// </summary>
public sealed partial class SearchPage
{
    /// <summary>Hits shown per kind on the grouped page.</summary>
    public const int PerKind = 8;

    public const int PageSize = 25;

    private string? _text;
    private bool _loading = true;
    private IReadOnlyList<SearchGroupDto> _groups = [];
    private Page<SearchHitDto>? _page;

    [SupplyParameterFromQuery] public string? Q { get; set; }

    /// <summary><c>service</c>, <c>team</c>, <c>person</c> or <c>system</c>: all results of that kind; unset, the best of each.</summary>
    [SupplyParameterFromQuery] public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageText { get; set; }

    private int PageNumber => AddressValue.PageNumber(PageText);

    [Inject] private SearchQueries Search { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private SearchKind? SelectedKind => Enum.TryParse<SearchKind>(Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    protected override async Task OnParametersSetAsync()
    {
        _text = Q;
        _loading = true;
        _groups = [];
        _page = null;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            if (SelectedKind is { } kind)
            {
                _page = await Search.SearchKindAsync(Q, kind, PageNumber, PageSize);
            }
            else
            {
                _groups = await Search.SearchAsync(Q, PerKind);
            }
        }

        _loading = false;
    }

    private Task SubmitAsync()
    {
        Navigation.NavigateTo(string.IsNullOrWhiteSpace(_text) ? "/search" : SearchLinks.All(_text.Trim()));
        return Task.CompletedTask;
    }

    private static int LastPage(Page<SearchHitDto> page) => Math.Max(1, (page.Total + page.PageSize - 1) / page.PageSize);

    private static string Count(int total, SearchKind kind)
    {
        var (one, many) = SearchQueries.Noun(kind);
        return $"{total} {(total == 1 ? one : many)}";
    }
}
