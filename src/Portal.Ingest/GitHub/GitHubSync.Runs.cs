using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;

namespace Portal.Ingest.GitHub;

// Runs: the lease, the run row, resuming an interrupted run, finishing, and how long history is kept.
public sealed partial class GitHubSync
{
    /// <summary>
    /// Runs <paramref name="body"/> holding the lease under a holder name of its own (so two syncs in one
    /// process exclude each other too), with a heartbeat that renews it; losing the lease cancels the run.
    /// </summary>
    private async Task<SyncOutcome> RunLockedAsync(string scope, SyncTrigger trigger, bool resumable, Func<ActiveRun, Task> body, CancellationToken ct)
    {
        var holder = $"{Instance}:{Guid.NewGuid().ToString("N")[..8]}";
        if (!await leases.TryAcquireAsync(SyncLeases.GitHub, holder, LeaseDuration, ct))
        {
            var current = await leases.HolderAsync(SyncLeases.GitHub, ct);
            logger.LogInformation("GitHub sync of {Scope} skipped: {Holder} is already syncing", scope, current);
            return new SyncOutcome(null, null, $"Skipped: another sync is running ({current ?? "finishing"}).", null);
        }

        try
        {
            var meter = new RequestMeter();
            var runId = await StartOrResumeAsync(scope, trigger, resumable, ct);
            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var heartbeat = new SyncHeartbeat(leases, dbFactory, logger, clock, (runId, holder, LeaseDuration), meter, aborted);
            using var run = new ActiveRun(connector, meter, runId, heartbeat, aborted.Token);
            using (logger.BeginScope(new Dictionary<string, object> { ["SyncRunId"] = runId, ["SyncScope"] = scope }))
            {
                return await ExecuteAsync(run, () => body(run), aborted);
            }
        }
        finally
        {
            await leases.ReleaseAsync(SyncLeases.GitHub, holder, CancellationToken.None);
        }
    }

    private async Task<SyncOutcome> ExecuteAsync(ActiveRun gh, Func<Task> body, CancellationTokenSource aborted)
    {
        var runId = gh.RunId;
        try
        {
            await body();
            await gh.FlushAsync();
            var run = await FinishAsync(runId, gh.Meter, r => r.Finish(), aborted.Token);
            logger.LogInformation("GitHub sync {Status}: {Counts}; {Requests}", run.Status, CountsText(run), gh.Meter);
            return new SyncOutcome(runId, run.Status, $"{run.Status}: {CountsText(run)}. {gh.Meter}.", gh.Meter);
        }
        catch (RateLimitPauseException ex)
        {
            await gh.FlushAsync();
            await FinishAsync(runId, gh.Meter, r => r.Interrupt(ex.Message), CancellationToken.None);
            logger.LogWarning("GitHub sync interrupted by the rate limit; resumes after {Reset:u}", ex.ResetAt);
            return new SyncOutcome(runId, SyncRunStatus.Interrupted, $"Interrupted: {ex.Message}. It resumes after the reset.", gh.Meter, ex.ResetAt);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await gh.FlushAsync();
            var why = gh.Heartbeat.LeaseLost
                ? "Stopped: another instance took over the sync lease (this one missed its renewals); the next run resumes it."
                : "Stopped before the end (shutdown or cancel); the next run resumes it.";
            await FinishAsync(runId, gh.Meter, r => r.Interrupt(why), CancellationToken.None);
            if (!gh.Heartbeat.LeaseLost)
            {
                throw;
            }

            return new SyncOutcome(runId, SyncRunStatus.Interrupted, why, gh.Meter);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await gh.FlushAsync();
            var message = Describe(ex);
            await FinishAsync(runId, gh.Meter, r => r.Fail(message), CancellationToken.None);
            logger.LogError(ex, "GitHub sync failed: {Message}", message);
            return new SyncOutcome(runId, SyncRunStatus.Failed, $"Failed: {message}", gh.Meter);
        }
    }

    private async Task<Guid> StartOrResumeAsync(string scope, SyncTrigger trigger, bool resumable, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staleBefore = clock.GetUtcNow().UtcDateTime - StaleAfter;
        var unfinished = !resumable ? null : await db.SyncRuns
            .Where(r => r.Source == Source && r.Scope == scope
                && (r.Status == SyncRunStatus.Interrupted || (r.Status == SyncRunStatus.Running && r.HeartbeatAt < staleBefore)))
            .OrderByDescending(r => r.StartedAt)
            .FirstOrDefaultAsync(ct);
        if (unfinished is not null && unfinished.StartedAt > clock.GetUtcNow().UtcDateTime.AddDays(-1))
        {
            unfinished.Resume(Instance);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Resuming GitHub sync run {RunId} started {Started:u}", unfinished.Id, unfinished.StartedAt);
            return unfinished.Id;
        }

        // Older unfinished runs are closed so the list does not show them running forever.
        foreach (var old in await db.SyncRuns.Where(r => r.Source == Source && r.Scope == scope && (r.Status == SyncRunStatus.Interrupted
                     || (r.Status == SyncRunStatus.Running && r.HeartbeatAt < staleBefore))).ToListAsync(ct))
        {
            old.Fail("Abandoned: not resumed within a day.");
        }

        var run = new SyncRun(Source, scope, trigger, Instance);
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private async Task<SyncRun> FinishAsync(Guid runId, RequestMeter meter, Action<SyncRun> end, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.Include(r => r.Errors).SingleAsync(r => r.Id == runId, ct);
        run.RecordRequests(meter.Requests, meter.NotModified, meter.Retries, meter.RateLimitRemaining, meter.RateLimitResetAt?.UtcDateTime);
        end(run);
        await db.SaveChangesAsync(ct);
        if (run.IsFinished)
        {
            // Resume points are only needed while a run may be resumed; history is kept for a while, not for ever.
            await db.SyncRunRepositories.Where(r => r.RunId == runId).ExecuteDeleteAsync(ct);
            var forgetBefore = clock.GetUtcNow().UtcDateTime - KeepHistory;
            var old = db.SyncRuns.Where(r => r.Source == Source && r.FinishedAt != null && r.FinishedAt < forgetBefore).Select(r => r.Id);
            await db.SyncRunErrors.Where(e => old.Contains(e.RunId)).ExecuteDeleteAsync(ct);
            await db.SyncRuns.Where(r => r.Source == Source && r.FinishedAt != null && r.FinishedAt < forgetBefore).ExecuteDeleteAsync(ct);
        }

        return run;
    }

    private static string CountsText(SyncRun run) =>
        run.ChangedNothing
            ? "nothing changed"
            : string.Join(", ", run.Counts.Where(c => c.Value.Created + c.Value.Updated + c.Value.Orphaned > 0)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key} +{c.Value.Created} ~{c.Value.Updated}{(c.Value.Orphaned > 0 ? $" orphaned {c.Value.Orphaned}" : "")}"));
}
