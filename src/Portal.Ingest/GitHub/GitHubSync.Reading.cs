using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Sync;

namespace Portal.Ingest.GitHub;

// Reading GitHub: repository contents in batches (progress saved per batch) and delivery evidence.
public sealed partial class GitHubSync
{
    /// <summary>
    /// Reads a batch of repositories in parallel and saves what was read, with the run's progress.
    /// When the rate limit stops the batch, the repositories read before it are still saved (so a
    /// resumed run skips them) and the pause is passed on. Returns the repositories done so far.
    /// </summary>
    private async Task<int> ReadBatchAsync(
        GitHubSession gh, Guid runId, RepoInfo[] batch, GitHubOptions options, (int Done, int Total, string Phase) progress, CancellationToken ct)
    {
        Dictionary<long, GitHubRepository> known;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = batch.Select(r => r.Id).ToList();
            known = await db.GitHubRepositories.AsNoTracking().Where(r => ids.Contains(r.GitHubId)).ToDictionaryAsync(r => r.GitHubId, ct);
        }

        var results = new (RepoInfo Repo, RepoContents? Contents, string? ErrorPath, string? Error)?[batch.Length];
        RateLimitPauseException? pause = null;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var repo = batch[i];
                var stored = known.GetValueOrDefault(repo.Id);
                try
                {
                    var contents = await GitHubReader.ReadContentsAsync(
                        gh, repo, stored?.CatalogShas ?? [], stored?.CatalogFiles ?? [], stored?.CodeOwnersSha, stored?.CodeOwnersTeam, options.CatalogLimits, token);
                    results[i] = (repo, contents, null, null);
                }
                catch (RepoFileException ex)
                {
                    results[i] = (repo, null, ex.Path, $"{ex.Path}: {ex.Message}");
                }
                catch (RateLimitPauseException ex)
                {
                    // Not read: left for the resumed run.
                    pause = ex;
                }
                catch (RateLimitExceededException ex)
                {
                    pause = new RateLimitPauseException(ex.Reset, $"GitHub rate limit used up until {ex.Reset:u}");
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not AuthorizationException)
                {
                    // This repository could not be read, whatever the reason: record it and go on with the others.
                    results[i] = (repo, null, null, Describe(ex));
                }
            });

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = batch.Select(r => r.Id).ToList();
            var rows = await db.GitHubRepositories.Where(r => ids.Contains(r.GitHubId)).ToDictionaryAsync(r => r.GitHubId, ct);
            var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
            var counts = new SyncCounts();
            var saved = 0;
            foreach (var (repo, contents, errorPath, error) in results.OfType<(RepoInfo, RepoContents?, string?, string?)>())
            {
                saved++;
                var created = false;
                if (!rows.TryGetValue(repo.Id, out var row))
                {
                    row = new GitHubRepository(repo.Id, repo.Organization, repo.Name);
                    db.GitHubRepositories.Add(row);
                    created = true;
                }

                var changed = row.Describe(repo.Organization, repo.Name, repo.NodeId, repo.Description, repo.Language, repo.Topics,
                    repo.DefaultBranch, repo.HtmlUrl, repo.Archived, repo.Fork, repo.PushedAt);
                if (contents is not null)
                {
                    changed |= row.RecordContents(contents.CatalogFiles, contents.CatalogShas, contents.CodeOwnersTeam, contents.CodeOwnersSha, contents.WorkflowCount);
                    foreach (var problem in contents.Problems)
                    {
                        run.AddError($"{repo.Organization}/{repo.Name}", problem.Path, $"{problem.Path}: {problem.Message}");
                    }
                }
                else
                {
                    changed |= row.RecordError(error!);
                    run.AddError($"{repo.Organization}/{repo.Name}", errorPath, error!);
                }

                counts = counts.Add(created ? new SyncCounts(Created: 1) : changed ? new SyncCounts(Updated: 1) : new SyncCounts(Unchanged: 1));
                db.SyncRunRepositories.Add(new SyncRunRepository(runId, repo.Id));
            }

            run.Count("repository", counts);
            run.Progress(progress.Phase, progress.Done + saved, progress.Total);
            await db.SaveChangesAsync(ct);
            if (pause is not null)
            {
                throw pause;
            }

            return progress.Done + saved;
        }
    }

    /// <summary>
    /// Delivery evidence is best effort: when GitHub cannot answer the query, the run records why and goes
    /// on to the catalog; the evidence read last time stays.
    /// </summary>
    private async Task ReadEvidenceAsync(GitHubSession gh, Guid runId, string org, IReadOnlyList<RepoInfo> repos, CancellationToken ct)
    {
        if (repos.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Dictionary<string, RepoEvidence> evidence;
        try
        {
            evidence = (await GitHubReader.ReadEvidenceAsync(gh, [.. repos.Select(r => r.NodeId)], now, ct)).ToDictionary(e => e.NodeId);
        }
        catch (Exception ex) when (ex is ApiException or GitHubUnavailableException)
        {
            await using var failed = await dbFactory.CreateDbContextAsync(ct);
            var run = await failed.SyncRuns.SingleAsync(r => r.Id == runId, ct);
            run.AddError($"{org} (delivery evidence)", null, $"releases, deployments and branch protection were not read: {Describe(ex)}");
            await failed.SaveChangesAsync(ct);
            logger.LogWarning(ex, "GitHub evidence for {Org} not read; the catalog sync goes on", org);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var row in await db.GitHubRepositories.Where(r => r.Organization == org).ToListAsync(ct))
        {
            if (evidence.TryGetValue(row.NodeId, out var e))
            {
                row.RecordEvidence(e.Releases, e.Deployments, e.BranchProtected, now);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
