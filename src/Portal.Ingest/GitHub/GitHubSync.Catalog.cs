using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;

namespace Portal.Ingest.GitHub;

// Writing the catalog: everything GitHub says goes through the one reconciler, as parsed entities.
public sealed partial class GitHubSync
{
    /// <summary>Audit action of the run's summary entry for a team sync and for a repository sync.</summary>
    public const string TeamsAuditAction = "github.sync.teams";

    public const string RepositoriesAuditAction = "github.sync.repositories";

    /// <summary>Where a record of a GitHub team, a member or a repository without catalog file says it came from.</summary>
    public static string TeamLocation(string org, string slug) => $"github-team:{org}/{slug}";

    public static string MemberLocation(string org, string login) => $"github-member:{org}/{login}";

    public static string RepositoryLocation(string org, string name) => $"github-repo:{org}/{name}";

    /// <summary>
    /// Teams (with parents) and members, as the GitHub team sync of <paramref name="org"/>: it may define groups
    /// and users only; a team this organisation's sync did not create is another origin's (a conflict is
    /// reported); a team gone from GitHub is marked gone. People are never orphaned by it.
    /// </summary>
    private async Task ApplyTeamsAsync(Guid runId, string org, IReadOnlyList<TeamInfo> teams, CancellationToken ct)
    {
        var people = await PeopleByLoginAsync(teams, ct);
        var read = GitHubEntities.Teams(teams, people);
        var teamPrefix = TeamLocation(org, "");
        var actor = Actor(org, null);
        var batch = new CatalogBatch
        {
            Source = DataSource.GitHub,
            Scope = $"github:{org} teams",
            Read = read,
            Rule = SourceRules.ForGitHubTeams,
            LocationOf = e => e is BackstageUser ? MemberLocation(org, e.Title ?? e.Key.Name) : TeamLocation(org, e.Key.Name),
            Covers = location => location.StartsWith(teamPrefix, StringComparison.Ordinal),
            Owns = (e, location) => location.StartsWith(e is BackstageUser ? MemberLocation(org, "") : teamPrefix, StringComparison.Ordinal),
            ActorOf = _ => actor,
            ActorAt = _ => actor,
            RetireTeamsAsGone = true,
        };

        var report = await reconciler.ReconcileAsync(batch, actor, TeamsAuditAction, ct);
        await RecordAsync(runId, report, problem => (problem.File, null), ct);
    }

    /// <summary>
    /// The catalog files of the <paramref name="included"/> repositories (all of them, or the files of
    /// <paramref name="onlyRepository"/>: then only its records can be orphaned) and a service for each included
    /// repository without one, in one reconciliation; then each repository is linked to its service.
    /// </summary>
    private async Task ApplyCatalogAsync(Guid runId, string org, IReadOnlySet<long> included, string? onlyRepository, GitHubOptions options, CancellationToken ct)
    {
        List<GitHubRepository> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rows = await db.GitHubRepositories.AsNoTracking().Where(r => r.Organization == org && !r.IsGone).ToListAsync(ct);
        }

        // Catalog files of every repository as last read without error (a repository that failed this time
        // keeps what it had), and services for those without one.
        var wanted = rows.Where(r => included.Contains(r.GitHubId) && (onlyRepository is null || r.Name == onlyRepository)).ToList();
        var renamed = await RenamedAsync(org, wanted, ct);
        var files = GitHubEntities.CatalogFiles(wanted);
        var (inferred, inferProblems) = options.CreateServicesWithoutCatalogFile
            ? GitHubEntities.Inferred(wanted, r => renamed.TryGetValue(r.Name, out var before) ? before.InferredKey : null)
            : ([], []);
        var read = files with
        {
            Entities = [.. files.Entities, .. inferred],
            Problems = [.. files.Problems, .. inferProblems],
        };

        var isInferred = inferred.ToHashSet<BackstageEntity>(ReferenceEqualityComparer.Instance);
        var filePrefix = onlyRepository is null ? $"github:{org}/" : $"github:{org}/{onlyRepository}/";
        var broken = files.BrokenFiles.Select(f => $"github:{org}/{f}").ToHashSet(StringComparer.Ordinal);
        var batch = new CatalogBatch
        {
            Source = DataSource.GitHub,
            Scope = onlyRepository is null ? $"github:{org}" : $"github:{org}/{onlyRepository}",
            Read = read,
            Rule = (rules ?? SourceRules.Default).ForRepositories,
            LocationOf = e => isInferred.Contains(e) ? RepositoryLocation(org, e.File) : $"github:{org}/{e.File}#{e.Document}",
            Covers = location => location.StartsWith(filePrefix, StringComparison.Ordinal)
                ? !broken.Contains(CatalogBatch.FileOf(location))
                : onlyRepository is null
                    ? location.StartsWith(RepositoryLocation(org, ""), StringComparison.Ordinal)
                    : location == RepositoryLocation(org, onlyRepository),
            Owns = (e, location) =>
            {
                // A repository owns what its files or Portal (for it) created, under its name now or before a
                // rename: its catalog file may replace the service Portal made for it before it had one.
                var repository = GitHubEntities.RepositoryOf(e.File);
                string[] names = renamed.TryGetValue(repository, out var before) ? [repository, before.Name] : [repository];
                return names.Any(n => location == RepositoryLocation(org, n)
                    || (!isInferred.Contains(e) && location.StartsWith($"github:{org}/{n}/", StringComparison.Ordinal)));
            },
            ActorOf = e => Actor(org, GitHubEntities.RepositoryOf(e.File)),
            ActorAt = location => Actor(org, RepositoryAt(org, location)),
        };

        var report = await reconciler.ReconcileAsync(batch, Actor(org, onlyRepository), RepositoriesAuditAction, ct);
        await RecordAsync(runId, report, problem =>
        {
            var slash = problem.File.IndexOf('/', StringComparison.Ordinal);
            return ($"{org}/{(slash > 0 ? problem.File[..slash] : problem.File)}", slash > 0 ? problem.File[(slash + 1)..] : null);
        }, ct);
        await LinkRepositoriesAsync(org, included, ct);
    }

    /// <summary>
    /// Repositories GitHub reported under a new name (the same repository id; see <see cref="GitHubRepository.RenamedFrom"/>):
    /// the name their records are located under, and the service Portal made for one without a catalog file. A link
    /// from a repository to a service located under another name is never taken for a rename: it may be stale.
    /// </summary>
    private async Task<Dictionary<string, (string Name, EntityKey? InferredKey)>> RenamedAsync(string org, IReadOnlyList<GitHubRepository> rows, CancellationToken ct)
    {
        var current = rows.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        // A repository that exists again under the old name (created after the rename) owns that name's records.
        var candidates = rows.Where(r => r.RenamedFrom is { } before && before != r.Name && !current.Contains(before)).ToList();
        var renamed = new Dictionary<string, (string, EntityKey?)>(StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return renamed;
        }

        var locations = candidates.Select(r => RepositoryLocation(org, r.RenamedFrom!)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inferred = await db.Services.AsNoTracking()
            .Where(s => s.Source == DataSource.GitHub && s.SourceLocation != null && locations.Contains(s.SourceLocation))
            .Select(s => new { s.Name, s.Namespace, Location = s.SourceLocation! })
            .ToListAsync(ct);
        foreach (var row in candidates)
        {
            var service = inferred.FirstOrDefault(s => s.Location == RepositoryLocation(org, row.RenamedFrom!));
            renamed[row.Name] = (row.RenamedFrom!, service is null ? null : new EntityKey(BackstageKinds.Component, service.Namespace, service.Name));
        }

        return renamed;
    }

    /// <summary>
    /// Links every repository to its service (the first its catalog files define, or the one Portal made for
    /// it); a repository no longer included (deleted, transferred, filtered out) is flagged gone.
    /// </summary>
    private async Task LinkRepositoriesAsync(string org, IReadOnlySet<long> included, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.GitHubRepositories.Where(r => r.Organization == org).ToListAsync(ct);
        var prefix = $"github:{org}/";
        var inferredPrefix = RepositoryLocation(org, "");
        var services = await db.Services.AsNoTracking()
            .Where(s => s.Source == DataSource.GitHub && !s.IsOrphaned && s.SourceLocation != null
                && (s.SourceLocation.StartsWith(prefix) || s.SourceLocation.StartsWith(inferredPrefix)))
            .Select(s => new { s.Id, Location = s.SourceLocation! })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            if (!included.Contains(row.GitHubId))
            {
                row.MarkGone();
                continue;
            }

            var service = services
                .Where(s => s.Location.StartsWith($"{prefix}{row.Name}/", StringComparison.Ordinal) || s.Location == RepositoryLocation(org, row.Name))
                .OrderBy(s => s.Location.StartsWith(inferredPrefix, StringComparison.Ordinal))
                .ThenBy(s => s.Location, StringComparer.Ordinal)
                .FirstOrDefault();
            // A link to a service now located elsewhere (handed over, say) stays for evidence; RenamedAsync never reads it.
            if (service is not null)
            {
                row.LinkService(service.Id);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Counts per kind (in Portal's words) and every error of a reconciliation, on the run.</summary>
    private async Task RecordAsync(Guid runId, ImportReport report, Func<ImportProblem, (string What, string? Path)> where, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        foreach (var (kind, counts) in report.Kinds.Where(k => k.Value.Created + k.Value.Updated + k.Value.Unchanged + k.Value.Orphaned + k.Value.Rejected > 0))
        {
            run.Count(ReconcileRun.PortalKind(kind), new SyncCounts(counts.Created, counts.Updated, counts.Unchanged, counts.Orphaned));
        }

        foreach (var problem in report.Errors)
        {
            var (what, path) = where(problem);
            var document = problem.DocumentIndex > 0 ? $"document {problem.DocumentIndex}" : null;
            var entity = problem.EntityRef is null ? null : $"({problem.EntityRef})";
            var prefix = string.Join(' ', new[] { document, entity }.OfType<string>());
            run.AddError(what, path, prefix.Length == 0 ? problem.Reason : $"{prefix}: {problem.Reason}");
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Login (lower case) → the person the catalog already has for it, by name or GitHub login.</summary>
    private async Task<Dictionary<string, EntityKey>> PeopleByLoginAsync(IReadOnlyList<TeamInfo> teams, CancellationToken ct)
    {
        var logins = teams.SelectMany(t => t.Members.Keys).Select(l => l.ToLowerInvariant()).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await db.People.AsNoTracking()
            .Where(p => p.Namespace == CatalogName.DefaultNamespace && (logins.Contains(p.Name) || (p.GitHubLogin != null && logins.Contains(p.GitHubLogin.ToLower()))))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new { p.Name, p.GitHubLogin })
            .ToListAsync(ct);
        var byLogin = new Dictionary<string, EntityKey>(StringComparer.Ordinal);
        foreach (var person in people.OrderBy(p => p.GitHubLogin is null))
        {
            byLogin.TryAdd((person.GitHubLogin ?? person.Name).ToLowerInvariant(), new EntityKey(BackstageKinds.User, CatalogName.DefaultNamespace, person.Name));
        }

        return byLogin;
    }

    /// <summary>The audit actor of GitHub writes: the organisation, or one of its repositories.</summary>
    private static Actor Actor(string org, string? repository) =>
        new(repository is null ? $"github:{org}" : $"github:{org}/{repository}", repository is null ? $"GitHub {org}" : $"GitHub {org}/{repository}", PortalRole.Admin, new HashSet<Guid>());

    private static string? RepositoryAt(string org, string location)
    {
        foreach (var prefix in new[] { $"github:{org}/", RepositoryLocation(org, "") })
        {
            if (location.StartsWith(prefix, StringComparison.Ordinal))
            {
                return GitHubEntities.RepositoryOf(CatalogBatch.FileOf(location[prefix.Length..]));
            }
        }

        return null;
    }
}
