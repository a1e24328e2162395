using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;
using Portal.Ingest.Catalog;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Keeps the catalog true to GitHub: teams and members, repositories as services (through their
/// catalog-info.yaml when they have one, CODEOWNERS for the owner otherwise), and delivery evidence.
/// What GitHub says becomes parsed entities (<see cref="GitHubEntities"/>) that the one
/// <see cref="CatalogReconciler"/> writes, under the same rules as every other source.
/// </summary>
/// <remarks>
/// Only one sync writes at a time, across every portal instance on the database (a lease row).
/// Progress is saved per batch of repositories, so an interrupted run resumes where it stopped.
/// Everything is compared before it is written: a run over an unchanged GitHub changes no record.
/// Nothing is deleted: repositories and teams gone from GitHub are flagged, their services orphaned.
/// The parts: entry points here; runs, lease and history in <c>GitHubSync.Runs.cs</c>; reading GitHub in
/// <c>GitHubSync.Reading.cs</c>; writing the catalog in <c>GitHubSync.Catalog.cs</c>; tech-debt issues in
/// <c>GitHubSync.Debt.cs</c>.
/// </remarks>
public sealed partial class GitHubSync(
    GitHubConnector connector,
    IDbContextFactory<PortalDbContext> dbFactory,
    CatalogReconciler reconciler,
    SyncLeases leases,
    DebtMirrorCommands debt,
    TimeProvider clock,
    ILogger<GitHubSync> logger,
    SourceRules? rules = null)
{
    public const string Source = "github";

    /// <summary>A run without a heartbeat for this long is considered dead and is resumed by the next one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>How long finished runs (and their errors) stay on the sync page.</summary>
    public static readonly TimeSpan KeepHistory = TimeSpan.FromDays(90);

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

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

    private async Task SyncOrganizationAsync(GitHubSession gh, Guid runId, string org, GitHubOptions options, SyncHeartbeat heartbeat, CancellationToken ct)
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

        // After the catalog, so a new repository's service is there for its tech-debt issues.
        await heartbeat.PhaseAsync($"{org}: reading tech-debt issues", total, total);
        // Archived repositories as GitHub listed them (with SkipArchived their rows are never described as archived):
        // their items are left as they are.
        var archived = listed.Where(r => r.Archived).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await MirrorDebtAsync(gh, runId, org, archived, options, ct);
    }

    internal static string Describe(Exception ex) => ex switch
    {
        AuthorizationException => "GitHub refused the credentials (401 Bad credentials): the token is invalid or expired. Check GitHub:Token or the App's key; nothing was changed.",
        Octokit.ForbiddenException f => $"GitHub refused access (403): {f.Message}. The token may lack the read:org or repo scope.",
        Octokit.NotFoundException nf => $"Not found on GitHub (404): {nf.Message}",
        ApiException api => $"GitHub answered {(int)api.StatusCode}: {api.Message}",
        _ => ex.Message,
    };
}
