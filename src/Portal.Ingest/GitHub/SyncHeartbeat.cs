using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Persistence;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Renews a sync's lease and saves the run's progress while the run works: on every phase change and every
/// <see cref="Every"/> in between. The timer and the heartbeat time both come from the injected clock, the same
/// one that decides when a run is stale, so the two can never disagree (and tests move time by hand).
/// </summary>
internal sealed class SyncHeartbeat : IDisposable
{
    /// <summary>How often the lease is renewed between phases.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(20);

    private readonly SyncLeases _leases;
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Guid _runId;
    private readonly string _holder;
    private readonly TimeSpan _leaseDuration;
    private readonly CancellationTokenSource _aborted;
    private readonly RequestMeter _meter;
    private readonly CancellationToken _ct;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _phase = "Starting";
    private int _done;
    private int _total;

    public SyncHeartbeat(
        SyncLeases leases,
        IDbContextFactory<PortalDbContext> dbFactory,
        ILogger logger,
        TimeProvider clock,
        (Guid RunId, string Holder, TimeSpan LeaseDuration) run,
        RequestMeter meter,
        CancellationTokenSource aborted)
    {
        _leases = leases;
        _dbFactory = dbFactory;
        _logger = logger;
        _clock = clock;
        (_runId, _holder, _leaseDuration) = run;
        _meter = meter;
        _aborted = aborted;
        _ct = aborted.Token;
        _timer = clock.CreateTimer(_ => _ = BeatAsync(), null, Every, Every);
    }

    /// <summary>True when a renewal found the lease held by someone else; the run was cancelled.</summary>
    public bool LeaseLost { get; private set; }

    public async Task PhaseAsync(string phase, int done, int total)
    {
        _phase = phase;
        _done = done;
        _total = total;
        await BeatAsync(wait: true);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _gate.Wait();
        _gate.Dispose();
    }

    private async Task BeatAsync(bool wait = false)
    {
        if (_ct.IsCancellationRequested)
        {
            return;
        }

        if (wait)
        {
            await _gate.WaitAsync(_ct);
        }
        else if (!await _gate.WaitAsync(0))
        {
            return;
        }

        try
        {
            if (!await _leases.RenewAsync(SyncLeases.GitHub, _holder, _leaseDuration, _ct))
            {
                // Someone else holds it now: stop before two syncs write at once.
                LeaseLost = true;
                _logger.LogError("GitHub sync lost its lease; stopping run {RunId}", _runId);
                await _aborted.CancelAsync();
                return;
            }

            await using var db = await _dbFactory.CreateDbContextAsync(_ct);
            var meter = _meter;
            var phase = _phase;
            var done = _done;
            var total = _total;
            var now = _clock.GetUtcNow().UtcDateTime;
            await db.SyncRuns.Where(r => r.Id == _runId && r.Status == SyncRunStatus.Running).ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Phase, phase)
                    .SetProperty(r => r.RepositoriesDone, done)
                    .SetProperty(r => r.RepositoriesTotal, total)
                    .SetProperty(r => r.Requests, meter.Requests)
                    .SetProperty(r => r.NotModified, meter.NotModified)
                    .SetProperty(r => r.Retries, meter.Retries)
                    .SetProperty(r => r.RateLimitRemaining, meter.RateLimitRemaining)
                    .SetProperty(r => r.HeartbeatAt, now),
                _ct);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "GitHub sync heartbeat failed; the next one tries again");
        }
        finally
        {
            _gate.Release();
        }
    }
}
