using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Sync.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Admin;

/// <summary>One sync run, shareable by its URL: every figure, the counts per kind, and the repositories that failed.</summary>
public sealed partial class SyncRunPage
{
    private readonly List<BreadcrumbItem> _crumbs = [new("Admin", "/admin"), new("GitHub sync", SyncFormat.SyncPage), new("Run", null, disabled: true)];
    private MudDataGrid<SyncRunErrorItem>? _errors;
    private LiveRefresh? _refresh;
    private SyncRunSummary? _run;
    private DateTime _now;
    private bool _loading = true;

    [Parameter] public Guid RunId { get; set; }

    [Inject] private SyncQueries Queries { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private Portal.Web.Components.Layout.ViewerContext Viewer { get; set; } = null!;

    /// <summary>Times on the page are in the viewer's zone, labelled.</summary>
    private TimeZoneInfo Zone => Viewer.Settings.TimeZone;

    [Inject] private ILogger<SyncRunPage> Logger { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync(CancellationToken.None);
        _loading = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _refresh = new LiveRefresh(Logger);
            _refresh.Start(TickAsync);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _run = await Queries.RunAsync(RunId, ct);
    }

    private async Task<GridData<SyncRunErrorItem>> LoadErrorsAsync(GridState<SyncRunErrorItem> state, CancellationToken ct)
    {
        var page = await Queries.ErrorsAsync(RunId, state.Page + 1, state.PageSize, ct);
        return new GridData<SyncRunErrorItem> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>While the run is going (and once more when it ends), reload its figures and errors.</summary>
    private Task TickAsync(CancellationToken ct) => InvokeAsync(async () =>
    {
        if (!SyncFormat.IsLive(_run, Clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        await LoadAsync(ct);
        if (_errors is not null)
        {
            await _errors.ReloadServerData();
        }

        StateHasChanged();
    });

    public void Dispose() => _refresh?.Dispose();
}
