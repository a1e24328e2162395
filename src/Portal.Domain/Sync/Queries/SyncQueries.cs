using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Sync.Queries;

/// <summary>Read side of syncs: the history, one run's errors, and the repositories with their evidence.</summary>
public sealed class SyncQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Page<SyncRunSummary>> RunsAsync(string source, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SyncRuns.AsNoTracking().Where(r => r.Source == source);
        var total = await query.CountAsync(ct);
        var runs = await query.OrderByDescending(r => r.StartedAt).Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(r => new { Run = r, Errors = db.SyncRunErrors.Count(e => e.RunId == r.Id) })
            .ToListAsync(ct);
        return new Page<SyncRunSummary>([.. runs.Select(r => ToSummary(r.Run, r.Errors))], total, page, pageSize);
    }

    public async Task<SyncRunSummary?> RunAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : ToSummary(run, await db.SyncRunErrors.CountAsync(e => e.RunId == id, ct));
    }

    /// <summary>
    /// The newest run of the source still marked running, or null. It may be dead (its host crashed):
    /// compare <see cref="SyncRunSummary.HeartbeatAt"/> with how often the sync beats.
    /// </summary>
    public async Task<SyncRunSummary?> RunningAsync(string source, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.Source == source && r.Status == SyncRunStatus.Running)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        return run is null ? null : ToSummary(run, await db.SyncRunErrors.CountAsync(e => e.RunId == run.Id, ct));
    }

    public async Task<Page<SyncRunErrorItem>> ErrorsAsync(Guid runId, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SyncRunErrors.AsNoTracking().Where(e => e.RunId == runId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.Repository).ThenBy(e => e.Id).Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(e => new SyncRunErrorItem(e.Repository, e.Path, e.Message, e.At))
            .ToListAsync(ct);
        return new Page<SyncRunErrorItem>(items, total, page, pageSize);
    }

    /// <summary>How many repositories Portal knows, and how many are gone.</summary>
    public async Task<(int Known, int Gone)> RepositoryCountsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.GitHubRepositories.CountAsync(r => !r.IsGone, ct), await db.GitHubRepositories.CountAsync(r => r.IsGone, ct));
    }

    /// <summary>The GitHub repository a service came from, with its delivery evidence; null when none is linked.</summary>
    public async Task<RepositoryEvidence?> EvidenceForServiceAsync(Guid serviceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.GitHubRepositories.AsNoTracking().Where(r => r.ServiceId == serviceId).OrderBy(r => r.IsGone).FirstOrDefaultAsync(ct);
        return repo is null
            ? null
            : new RepositoryEvidence(repo.FullName, repo.HtmlUrl, repo.DefaultBranch, repo.IsArchived, repo.IsGone, repo.HasWorkflows, repo.WorkflowCount,
                repo.ReleasesLast90Days, repo.DeploymentsLast90Days, repo.DefaultBranchProtected, repo.EvidenceAt, repo.CodeOwnersTeam, repo.LastError);
    }

    private static SyncRunSummary ToSummary(SyncRun r, int errors) => new(
        r.Id, r.Scope, r.Trigger, r.Host, r.StartedAt, r.FinishedAt, r.HeartbeatAt, r.Status, r.Phase, r.RepositoriesDone, r.RepositoriesTotal,
        r.Requests, r.NotModified, r.Retries, r.RateLimitRemaining, r.RateLimitResetAt, r.Resumptions, r.Counts, r.Error, errors);
}
