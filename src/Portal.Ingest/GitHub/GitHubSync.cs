using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.GitHub;

/// <summary>How a call to <see cref="GitHubSync.RunAsync"/> went.</summary>
/// <param name="RunId">The run row, or null when the run was skipped.</param>
/// <param name="Status">Null when skipped because another sync holds the lease.</param>
/// <param name="Message">One line for people: counts, or why it failed or was skipped.</param>
/// <param name="Meter">What the run cost in requests.</param>
/// <param name="ResumeAt">When an interrupted run should be picked up again (a rate limit reset).</param>
public sealed record SyncOutcome(Guid? RunId, SyncRunStatus? Status, string Message, RequestMeter? Meter, DateTimeOffset? ResumeAt = null)
{
    public bool Skipped => RunId is null;
}

/// <summary>
/// Keeps the catalog true to GitHub: teams and members, repositories as services (through their
/// catalog-info.yaml when they have one, CODEOWNERS for the owner otherwise), and delivery evidence.
/// </summary>
/// <remarks>
/// Only one sync writes at a time, across every portal instance on the database (a lease row).
/// Progress is saved per batch of repositories, so an interrupted run resumes where it stopped.
/// Everything is compared before it is written: a run over an unchanged GitHub changes no record.
/// Nothing is deleted: repositories and teams gone from GitHub are flagged, their services orphaned.
/// </remarks>
public sealed partial class GitHubSync(
    GitHubConnector connector,
    IDbContextFactory<PortalDbContext> dbFactory,
    BackstageImporter importer,
    SyncLeases leases,
    TimeProvider clock,
    ILogger<GitHubSync> logger)
{
    public const string Source = "github";

    /// <summary>A run without a heartbeat for this long is considered dead and is resumed by the next one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>How long finished runs (and their errors) stay on the sync page.</summary>
    public static readonly TimeSpan KeepHistory = TimeSpan.FromDays(90);

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);

    private SyncLeases Leases => leases;

    private IDbContextFactory<PortalDbContext> DbFactory => dbFactory;

    private ILogger Logger => logger;

    /// <summary>Names this portal instance in leases and run rows.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Runs a full sync of every configured organisation; skipped when another sync is running.</summary>
    public Task<SyncOutcome> RunAsync(SyncTrigger trigger, CancellationToken ct)
    {
        var options = RequireEnabled();
        return RunLockedAsync(string.Join(", ", options.Organizations), trigger, resumable: true, async run =>
        {
            foreach (var org in options.Organizations)
            {
                await SyncOrganizationAsync(run.For(org), run.RunId, org, options, run.Heartbeat, run.Token);
            }
        }, ct);
    }

    /// <summary>
    /// Syncs one repository (a webhook said it changed): its record, files, evidence and service. A
    /// repository GitHub no longer has in the organisation (deleted, transferred away) is flagged and its
    /// service orphaned.
    /// </summary>
    public Task<SyncOutcome> SyncRepositoryAsync(string org, string name, SyncTrigger trigger, CancellationToken ct)
    {
        var options = RequireEnabled();
        return RunLockedAsync($"{org}/{name}", trigger, resumable: false, async run =>
        {
            var token = run.Token;
            var gh = run.For(org);
            await run.Heartbeat.PhaseAsync($"{org}/{name}: reading", 0, 1);
            var repo = await GitHubReader.GetRepositoryAsync(gh, org, name, token);
            HashSet<long> included;
            await using (var db = await dbFactory.CreateDbContextAsync(token))
            {
                included = [.. await db.GitHubRepositories.Where(r => r.Organization == org && !r.IsGone && r.Name != name).Select(r => r.GitHubId).ToListAsync(token)];
                if (repo is not null)
                {
                    // Renamed: the old name's row is this repository, found by id.
                    included.Remove(repo.Id);
                }
            }

            if (repo is not null && !options.IsExcluded(repo.Name, repo.Topics, repo.Archived, repo.Fork))
            {
                await ReadBatchAsync(gh, run.RunId, [repo], options, (0, 1, $"{org}/{name}: reading"), token);
                await ReadEvidenceAsync(gh, run.RunId, org, [repo], token);
                included.Add(repo.Id);
            }

            await run.Heartbeat.PhaseAsync($"{org}/{name}: updating the catalog", 1, 1);
            await ApplyCatalogAsync(run.RunId, org, included, repo?.Name ?? name, options, token);
        }, ct);
    }

    /// <summary>Syncs the teams and members of one organisation (a team, membership or member webhook).</summary>
    public Task<SyncOutcome> SyncTeamsAsync(string org, SyncTrigger trigger, CancellationToken ct)
    {
        RequireEnabled();
        return RunLockedAsync($"{org} teams", trigger, resumable: false, async run =>
        {
            await run.Heartbeat.PhaseAsync($"{org}: reading teams", 0, 0);
            await ApplyTeamsAsync(run.RunId, org, await GitHubReader.ListTeamsAsync(run.For(org), org, run.Token), run.Token);
        }, ct);
    }

    private GitHubOptions RequireEnabled()
    {
        var options = connector.Options;
        return options.Enabled
            ? options
            : throw new InvalidOperationException($"GitHub sync is not configured: set {GitHubOptions.Section}:Organizations and a credential ({GitHubOptions.Section}:Token or an App).");
    }

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
            using var heartbeat = new Heartbeat(this, runId, holder, meter, aborted);
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

    private async Task SyncOrganizationAsync(GitHubSession gh, Guid runId, string org, GitHubOptions options, Heartbeat heartbeat, CancellationToken ct)
    {
        await heartbeat.PhaseAsync($"{org}: reading teams", 0, 0);
        var teams = await GitHubReader.ListTeamsAsync(gh, org, ct);
        await heartbeat.PhaseAsync($"{org}: reading the repository list", 0, 0);
        var listed = await GitHubReader.ListRepositoriesAsync(gh, org, ct);
        var repos = listed.Where(r => !options.IsExcluded(r.Name, r.Topics, r.Archived, r.Fork)).ToList();

        await ApplyTeamsAsync(runId, org, teams, ct);

        // Repositories in batches; each batch is saved with the run's progress, so a resumed run skips it.
        HashSet<long> done;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            done = [.. await db.SyncRunRepositories.Where(r => r.RunId == runId).Select(r => r.GitHubId).ToListAsync(ct)];
        }

        var total = repos.Count;
        var finished = repos.Count(r => done.Contains(r.Id));
        foreach (var batch in repos.Where(r => !done.Contains(r.Id)).Chunk(options.BatchSize))
        {
            finished = await ReadBatchAsync(gh, runId, batch, options, (finished, total, $"{org}: reading repositories"), ct);
            await heartbeat.PhaseAsync($"{org}: reading repositories", finished, total);
        }

        await heartbeat.PhaseAsync($"{org}: reading delivery evidence", total, total);
        await ReadEvidenceAsync(gh, runId, org, repos, ct);

        await heartbeat.PhaseAsync($"{org}: updating the catalog", total, total);
        await ApplyCatalogAsync(runId, org, repos.Select(r => r.Id).ToHashSet(), null, options, ct);
    }

    private async Task ApplyTeamsAsync(Guid runId, string org, IReadOnlyList<TeamInfo> teams, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var writer = new GitHubCatalogWriter(db, org);
        await writer.ApplyTeamsAsync(teams, ct);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        writer.CountInto(run);
        foreach (var (what, message) in writer.Problems)
        {
            run.AddError(what, null, message);
        }

        await db.SaveChangesAsync(ct);
    }

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
                        gh, repo, stored?.CatalogShas ?? [], stored?.CatalogFiles ?? [], stored?.CodeOwnersSha, stored?.CodeOwnersTeam, token);
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

    /// <summary>
    /// Imports the catalog files of the <paramref name="included"/> repositories (all of them, or the
    /// files of <paramref name="onlyRepository"/>: then only its records can be orphaned), then links
    /// repositories to services.
    /// </summary>
    private async Task ApplyCatalogAsync(Guid runId, string org, IReadOnlySet<long> included, string? onlyRepository, GitHubOptions options, CancellationToken ct)
    {
        List<GitHubRepository> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rows = await db.GitHubRepositories.AsNoTracking().Where(r => r.Organization == org && !r.IsGone).ToListAsync(ct);
        }

        // Catalog files of every repository, as last read without error, in one import: the importer
        // upserts, compares before writing and orphans what no file names any more.
        var files = rows.Where(r => included.Contains(r.GitHubId) && (onlyRepository is null || r.Name == onlyRepository))
            .SelectMany(r => r.CatalogFiles.Select(f => new CatalogFile($"{r.Name}/{f.Key}", Prepare(r, f.Value))))
            .ToList();
        var orphanScope = onlyRepository is null ? $"github:{org}" : $"github:{org}/{onlyRepository}";
        var report = await importer.ImportFromSourceAsync(files, $"github:{org}", orphanScope, DataSource.GitHub, Actor.System, ct);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
            foreach (var (kind, counts) in report.Kinds.Where(k => k.Value.Created + k.Value.Updated + k.Value.Unchanged + k.Value.Orphaned + k.Value.Rejected > 0))
            {
                // In Portal's words: a Component is a service, a Group a team, a User a person.
                var portalKind = kind.ToLowerInvariant() switch { "component" => "service", "group" => "team", "user" => "person", var k => k };
                run.Count(portalKind, new SyncCounts(counts.Created, counts.Updated, counts.Unchanged, counts.Orphaned));
            }

            foreach (var problem in report.Errors)
            {
                var slash = problem.File.IndexOf('/', StringComparison.Ordinal);
                run.AddError($"{org}/{(slash > 0 ? problem.File[..slash] : problem.File)}", slash > 0 ? problem.File[(slash + 1)..] : null,
                    $"{(problem.DocumentIndex > 0 ? $"document {problem.DocumentIndex}" : "the file")}{(problem.EntityRef is null ? "" : $" ({problem.EntityRef})")}: {problem.Reason}");
            }

            var writer = new GitHubCatalogWriter(db, org);
            await writer.ApplyRepositoriesAsync(included, options.CreateServicesWithoutCatalogFile, ct);
            writer.CountInto(run);
            foreach (var (repo, message) in writer.Problems)
            {
                run.AddError(repo, null, message);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// What the importer reads for a repository's file: the CODEOWNERS team as owner where the file names
    /// none, and, for an archived repository, every lifecycle deprecated. The stored file is left as read.
    /// </summary>
    private static string Prepare(GitHubRepository repo, string content)
    {
        var text = repo.CodeOwnersTeam is { } team ? CatalogOwnerFallback.Apply(content, team) : content;
        return repo.IsArchived ? Deprecate(text) : text;
    }

    /// <summary>An archived repository's components and APIs are imported as deprecated, whatever the file says.</summary>
    internal static string Deprecate(string yaml) => LifecycleLine().Replace(yaml, "${key}deprecated");

    [GeneratedRegex(@"(?<key>^[ \t]+lifecycle:[ \t]*)[""']?[A-Za-z0-9_-]+[""']?", RegexOptions.Multiline, 100)]
    private static partial Regex LifecycleLine();

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
            var forgetBefore = DateTime.UtcNow - KeepHistory; // runs stamp their times with DateTime.UtcNow
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

    internal static string Describe(Exception ex) => ex switch
    {
        AuthorizationException => "GitHub refused the credentials (401 Bad credentials): the token is invalid or expired. Check GitHub:Token or the App's key; nothing was changed.",
        Octokit.ForbiddenException f => $"GitHub refused access (403): {f.Message}. The token may lack the read:org or repo scope.",
        Octokit.NotFoundException nf => $"Not found on GitHub (404): {nf.Message}",
        ApiException api => $"GitHub answered {(int)api.StatusCode}: {api.Message}",
        _ => ex.Message,
    };

    /// <summary>One run's GitHub sessions (one per organisation), its meter, heartbeat and token.</summary>
    private sealed class ActiveRun(GitHubConnector connector, RequestMeter meter, Guid runId, Heartbeat heartbeat, CancellationToken token) : IDisposable
    {
        private readonly Dictionary<string, GitHubSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

        public RequestMeter Meter { get; } = meter;

        public Guid RunId { get; } = runId;

        public Heartbeat Heartbeat { get; } = heartbeat;

        public CancellationToken Token { get; } = token;

        public GitHubSession For(string organization)
        {
            if (!_sessions.TryGetValue(organization, out var session))
            {
                session = connector.Open(Meter, organization, Token);
                _sessions[organization] = session;
            }

            return session;
        }

        /// <summary>Waits for the response-cache writes Octokit started without waiting.</summary>
        public Task FlushAsync() => _sessions.Values.FirstOrDefault()?.FlushAsync() ?? Task.CompletedTask;

        public void Dispose()
        {
            foreach (var session in _sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>Renews the lease and saves the run's progress while the run works.</summary>
    private sealed class Heartbeat : IDisposable
    {
        private readonly GitHubSync _sync;
        private readonly Guid _runId;
        private readonly string _holder;
        private readonly CancellationTokenSource _aborted;
        private readonly RequestMeter _meter;
        private readonly CancellationToken _ct;
        private readonly Timer _timer;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private string _phase = "Starting";
        private int _done;
        private int _total;

        public Heartbeat(GitHubSync sync, Guid runId, string holder, RequestMeter meter, CancellationTokenSource aborted)
        {
            _sync = sync;
            _runId = runId;
            _holder = holder;
            _meter = meter;
            _aborted = aborted;
            _ct = aborted.Token;
            _timer = new Timer(_ => _ = BeatAsync(), null, HeartbeatEvery, HeartbeatEvery);
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
                if (!await _sync.Leases.RenewAsync(SyncLeases.GitHub, _holder, LeaseDuration, _ct))
                {
                    // Someone else holds it now: stop before two syncs write at once.
                    LeaseLost = true;
                    _sync.Logger.LogError("GitHub sync lost its lease; stopping run {RunId}", _runId);
                    await _aborted.CancelAsync();
                    return;
                }

                await using var db = await _sync.DbFactory.CreateDbContextAsync(_ct);
                var meter = _meter;
                var phase = _phase;
                var done = _done;
                var total = _total;
                await db.SyncRuns.Where(r => r.Id == _runId && r.Status == SyncRunStatus.Running).ExecuteUpdateAsync(
                    u => u.SetProperty(r => r.Phase, phase)
                        .SetProperty(r => r.RepositoriesDone, done)
                        .SetProperty(r => r.RepositoriesTotal, total)
                        .SetProperty(r => r.Requests, meter.Requests)
                        .SetProperty(r => r.NotModified, meter.NotModified)
                        .SetProperty(r => r.Retries, meter.Retries)
                        .SetProperty(r => r.RateLimitRemaining, meter.RateLimitRemaining)
                        .SetProperty(r => r.HeartbeatAt, DateTime.UtcNow),
                    _ct);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _sync.Logger.LogWarning(ex, "GitHub sync heartbeat failed; the next one tries again");
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
