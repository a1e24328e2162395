using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Queries;
using Portal.Ingest.GitHub;
using Portal.Ingest.Jobs;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Admin;

/// <summary>
/// The GitHub sync as admins see it: the configuration in words (never its secrets), "Sync now", and
/// every run with its progress, counts and request figures. Refreshes itself while a run is going.
/// </summary>
public sealed partial class GitHubSyncPage
{
    /// <summary>How long "Sync now" waits for a worker to pick the job up before it gives up showing "queued".</summary>
    private static readonly TimeSpan QueuedFor = TimeSpan.FromMinutes(2);

    private readonly List<BreadcrumbItem> _crumbs = [new("Admin", "/admin"), new("GitHub sync", null, disabled: true)];
    private MudDataGrid<SyncRunSummary>? _grid;
    private LiveRefresh? _refresh;
    private DateTime _now;
    private SyncRunSummary? _running;
    private SyncRunSummary? _latest;
    private bool _anyRuns;
    private DateTime? _queuedAt;
    private DateTime? _nextRun;
    private (int Known, int Gone) _repositories;

    [Inject] private GitHubOptions Options { get; set; } = null!;

    [Inject] private SyncQueries Queries { get; set; } = null!;

    [Inject] private IBackgroundJobClient Jobs { get; set; } = null!;

    [Inject] private JobStorage Storage { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private Portal.Web.Components.Layout.ViewerContext Viewer { get; set; } = null!;

    /// <summary>Times on the page are in the viewer's zone, labelled.</summary>
    private TimeZoneInfo Zone => Viewer.Settings.TimeZone;

    [Inject] private ILogger<GitHubSyncPage> Logger { get; set; } = null!;

    private string WebhookUrl => Navigation.BaseUri + "webhooks/github";

    private bool IsLive => SyncFormat.IsLive(_running, _now);

    private bool SyncNowDisabled => IsLive || _queuedAt is not null;

    private string SyncNowLabel => IsLive ? "Sync running…" : _queuedAt is not null ? "Sync queued…" : "Sync now";

    private string SyncNowHint => IsLive
        ? "A sync is running; its progress shows below."
        : _queuedAt is not null
            ? "Waiting for a background worker to start the sync."
            : "Runs a full sync of every organisation now, in the background.";

    protected override async Task OnInitializedAsync()
    {
        await LoadStateAsync(CancellationToken.None);
        _repositories = await Queries.RepositoryCountsAsync(CancellationToken.None);
        _nextRun = NextScheduledRun();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _refresh = new LiveRefresh(Logger);
            _refresh.Start(TickAsync);
        }
    }

    private async Task<GridData<SyncRunSummary>> LoadAsync(GridState<SyncRunSummary> state, CancellationToken ct)
    {
        var page = await Queries.RunsAsync(GitHubSync.Source, state.Page + 1, state.PageSize, ct);
        return new GridData<SyncRunSummary> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task LoadStateAsync(CancellationToken ct)
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _running = await Queries.RunningAsync(GitHubSync.Source, ct);
        var latest = await Queries.RunsAsync(GitHubSync.Source, 1, 1, ct);
        _latest = latest.Items.FirstOrDefault();
        _anyRuns = latest.Total > 0;
    }

    /// <summary>
    /// Every tick costs two small queries; the page re-renders only while a run is going, has just
    /// ended, or "Sync now" is waiting for its run to appear.
    /// </summary>
    private Task TickAsync(CancellationToken ct) => InvokeAsync(async () =>
    {
        var wasLive = IsLive;
        var wasQueued = _queuedAt is not null;
        var latestBefore = _latest;
        await LoadStateAsync(ct);
        if (_queuedAt is { } queuedAt && (IsLive || _latest?.HeartbeatAt >= queuedAt || _now - queuedAt > QueuedFor))
        {
            _queuedAt = null;
        }

        var changed = wasLive || IsLive || _latest?.Id != latestBefore?.Id || _latest?.HeartbeatAt != latestBefore?.HeartbeatAt;
        if (!changed && !wasQueued)
        {
            return;
        }

        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }

        if (wasLive && !IsLive)
        {
            _repositories = await Queries.RepositoryCountsAsync(ct);
            _nextRun = NextScheduledRun();
        }

        StateHasChanged();
    });

    private async Task SyncNowAsync()
    {
        await LoadStateAsync(CancellationToken.None);
        if (IsLive)
        {
            Snackbar.Add("A sync is already running; its progress shows below.", Severity.Info);
            return;
        }

        var jobId = Jobs.Enqueue<SyncGitHubJob>(j => j.RunAsync(SyncTrigger.Manual, CancellationToken.None));
        _queuedAt = _now;
        Snackbar.Add($"Sync queued (job {jobId}). Its progress shows below as soon as a worker starts it.", Severity.Success);
    }

    /// <summary>When Hangfire will next start the recurring sync; null when it does not know (or has no storage).</summary>
    private DateTime? NextScheduledRun()
    {
        try
        {
            using var connection = Storage.GetConnection();
            return connection.GetRecurringJobs([SyncGitHubJob.RecurringId]).FirstOrDefault() is { Removed: false, NextExecution: { } next }
                ? DateTime.SpecifyKind(next, DateTimeKind.Utc)
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogDebug(ex, "Could not read the next run of {Job}", SyncGitHubJob.RecurringId);
            return null;
        }
    }

    public void Dispose() => _refresh?.Dispose();
}
