using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Sync;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Writes what GitHub says into the catalog for one organisation: teams, people and memberships, and
/// services for repositories. Compares before it sets, so an unchanged GitHub leaves every record
/// (and its version) alone; flags what disappeared instead of deleting it.
/// </summary>
internal sealed class GitHubCatalogWriter(PortalDbContext db, string org)
{
    private readonly Dictionary<string, SyncCounts> _counts = new(StringComparer.Ordinal);
    private readonly List<(string Repository, string Message)> _problems = [];

    /// <summary>Repositories whose service could not be written, and why.</summary>
    public IReadOnlyList<(string Repository, string Message)> Problems => _problems;

    /// <remarks>
    /// Records written here are located under <c>github-team:</c>, <c>github-member:</c> and
    /// <c>github-repo:</c>, outside the <c>github:{org}/…</c> locations of records imported from catalog
    /// files, so the importer's orphan check never mistakes one for the other.
    /// </remarks>
    public static string TeamLocation(string org, string slug) => $"github-team:{org}/{slug}";

    public static string RepositoryLocation(string org, string name) => $"github-repo:{org}/{name}";

    public static string MemberLocation(string org, string login) => $"github-member:{org}/{login}";

    public void CountInto(SyncRun run)
    {
        foreach (var (kind, counts) in _counts)
        {
            run.Count(kind, counts);
        }
    }

    /// <summary>Teams (with parents) and their members; a GitHub team no longer listed is marked gone.</summary>
    public async Task ApplyTeamsAsync(IReadOnlyList<TeamInfo> teams, CancellationToken ct)
    {
        var names = teams.Select(t => t.Slug.ToLowerInvariant()).ToList();
        var prefix = $"github-team:{org}/";
        var stored = await db.Teams.Include(t => t.Memberships)
            .Where(t => t.Namespace == CatalogName.DefaultNamespace && (names.Contains(t.Name) || (t.SourceLocation != null && t.SourceLocation.StartsWith(prefix))))
            .ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, ct);
        var logins = teams.SelectMany(t => t.Members.Keys).Select(l => l.ToLowerInvariant()).Distinct().ToList();
        var people = await db.People.Where(p => p.Namespace == CatalogName.DefaultNamespace && (logins.Contains(p.Name) || (p.GitHubLogin != null && logins.Contains(p.GitHubLogin))))
            .ToListAsync(ct);
        var byLogin = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people)
        {
            byLogin.TryAdd(person.GitHubLogin ?? person.Name, person);
        }

        var byName = new Dictionary<string, Team>(StringComparer.Ordinal);
        foreach (var info in teams)
        {
            var name = info.Slug.ToLowerInvariant();
            if (!CatalogName.IsValid(name))
            {
                _problems.Add(($"team {info.Slug}", $"the team slug '{info.Slug}' is not a valid catalog name"));
                continue;
            }

            var created = !stored.TryGetValue(name, out var team);
            if (team is null)
            {
                team = new Team(name, info.Name);
                db.Teams.Add(team);
                stored[name] = team;
            }

            byName[name] = team;
            var changed = false;
            // Only a team this organisation's sync made is ours to describe and trim. The same name from a
            // catalog file or made by hand only gets members added; from another organisation it is left alone
            // and the collision is reported, so two sources never overwrite each other on every run.
            var ours = created || (team.Source == DataSource.GitHub && team.SourceLocation?.StartsWith(prefix, StringComparison.Ordinal) == true);
            if (!ours && team.Source == DataSource.GitHub)
            {
                // Adding this organisation's members would only have the other one's sync remove them again.
                _problems.Add(($"team {info.Slug}", $"a team named '{name}' already comes from {team.SourceLocation}; Portal keeps that one as it is (rename one of them on GitHub to sync both)"));
                byName[name] = team;
                Tally("team", created: false, changed: false);
                continue;
            }
            if (ours)
            {
                var description = string.IsNullOrWhiteSpace(info.Description) ? null : info.Description.Trim();
                if (team.Title != info.Name || team.Description != description)
                {
                    team.Describe(info.Name, description);
                    changed = true;
                }

                var location = TeamLocation(org, info.Slug);
                if (team.Source != DataSource.GitHub || team.SourceLocation != location || team.IsOrphaned)
                {
                    team.RecordSource(DataSource.GitHub, location);
                    changed = true;
                }
            }

            if (team.IsGone && ours)
            {
                team.MarkPresent();
                changed = true;
            }

            changed |= ApplyMembers(team, info, byLogin, ours);
            Tally("team", created, changed);
        }

        foreach (var info in teams)
        {
            if (byName.TryGetValue(info.Slug.ToLowerInvariant(), out var team) && team.Source == DataSource.GitHub
                && team.SourceLocation?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                var parent = info.ParentSlug is { } p ? byName.GetValueOrDefault(p.ToLowerInvariant()) : null;
                if (team.ParentTeamId != parent?.Id && team.ParentTeam != parent)
                {
                    team.SetParent(parent);
                }
            }
        }

        foreach (var team in stored.Values.Where(t => t.Source == DataSource.GitHub && !byName.ContainsKey(t.Name) && !t.IsGone
                     && t.SourceLocation?.StartsWith(prefix, StringComparison.Ordinal) == true))
        {
            // Deleted on GitHub: kept and flagged, so its services show as orphaned on ownership health.
            team.MarkGone();
            Count("team", new SyncCounts(Orphaned: 1));
        }
    }

    private bool ApplyMembers(Team team, TeamInfo info, Dictionary<string, Person> byLogin, bool ours)
    {
        var changed = false;
        var wanted = new HashSet<Guid>();
        foreach (var (login, maintainer) in info.Members)
        {
            var key = login.ToLowerInvariant();
            if (!byLogin.TryGetValue(key, out var person))
            {
                if (!CatalogName.IsValid(key))
                {
                    _problems.Add(($"team {info.Slug}", $"member login '{login}' is not a valid catalog name"));
                    continue;
                }

                person = new Person(key, login);
                person.SetGitHubLogin(login);
                person.RecordSource(DataSource.GitHub, MemberLocation(org, login));
                db.People.Add(person);
                byLogin[key] = person;
                Count("person", new SyncCounts(Created: 1));
            }
            else if (person.GitHubLogin is null)
            {
                person.SetGitHubLogin(login);
                Count("person", new SyncCounts(Updated: 1));
            }

            wanted.Add(person.Id);
            var role = maintainer ? MembershipRole.Lead : MembershipRole.Member;
            var existing = team.Memberships.FirstOrDefault(m => m.PersonId == person.Id);
            if (existing is null || (ours && existing.Role != role))
            {
                team.AddMember(person, existing is null || ours ? role : existing.Role);
                Count("membership", existing is null ? new SyncCounts(Created: 1) : new SyncCounts(Updated: 1));
                changed = true;
            }
        }

        if (ours)
        {
            // Only on teams GitHub owns: people added to an imported or hand-made team by hand stay.
            foreach (var gone in team.Memberships.Where(m => !wanted.Contains(m.PersonId)).Select(m => m.PersonId).ToList())
            {
                team.RemoveMember(gone);
                Count("membership", new SyncCounts(Orphaned: 1));
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Links every repository to its service. Repositories without a catalog file become services of
    /// their own (when <paramref name="createInferred"/>); an archived one is deprecated; a repository
    /// gone from GitHub is flagged and its service orphaned.
    /// </summary>
    public async Task ApplyRepositoriesAsync(IReadOnlySet<long> included, bool createInferred, CancellationToken ct)
    {
        var rows = await db.GitHubRepositories.Where(r => r.Organization == org).ToListAsync(ct);
        var prefix = $"github:{org}/";
        var inferredPrefix = RepositoryLocation(org, "");
        var services = await db.Services
            .Where(s => s.SourceLocation != null && (s.SourceLocation.StartsWith(prefix) || s.SourceLocation.StartsWith(inferredPrefix)))
            .ToListAsync(ct);
        var linkedIds = rows.Where(r => r.ServiceId != null).Select(r => r.ServiceId!.Value).ToList();
        var linked = await db.Services.Where(s => linkedIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var teams = await db.Teams.Where(t => t.Namespace == CatalogName.DefaultNamespace).ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, ct);

        foreach (var row in rows)
        {
            if (!included.Contains(row.GitHubId))
            {
                if (!row.IsGone && row.MarkGone() && row.ServiceId is { } id && linked.TryGetValue(id, out var orphan) && !orphan.IsOrphaned)
                {
                    orphan.MarkOrphaned();
                    Count("service", new SyncCounts(Orphaned: 1));
                }

                continue;
            }

            // Services named by the repository's catalog file(s), in file order.
            var fromFile = services
                .Where(s => s.SourceLocation!.StartsWith($"{prefix}{row.Name}/", StringComparison.Ordinal) && !s.IsOrphaned)
                .OrderBy(s => s.SourceLocation, StringComparer.Ordinal)
                .ToList();
            if (fromFile.Count > 0)
            {
                // The repository's catalog file now says what it is: a service inferred from it before retires.
                var inferredBefore = services.FirstOrDefault(s => s.SourceLocation == RepositoryLocation(org, row.Name) && s.Source == DataSource.GitHub);
                if (inferredBefore is { IsOrphaned: false } && !fromFile.Contains(inferredBefore))
                {
                    inferredBefore.MarkOrphaned();
                    Count("service", new SyncCounts(Orphaned: 1));
                }

                row.LinkService(fromFile[0].Id);
                foreach (var service in fromFile.Where(s => s.RepositoryUrl is null))
                {
                    service.SetRepository(row.HtmlUrl);
                    Count("service", new SyncCounts(Updated: 1));
                }

                continue;
            }

            if (row.CatalogFiles.Count > 0 || !createInferred || (row.ServiceId is null && row.LastError is not null))
            {
                // A file that named no service, no inferring, or a repository never read without error
                // (its catalog file may simply not have been seen yet): nothing to infer.
                continue;
            }

            Service? inferred = row.ServiceId is { } serviceId ? linked.GetValueOrDefault(serviceId) : null;
            inferred ??= services.FirstOrDefault(s => s.SourceLocation == RepositoryLocation(org, row.Name));
            try
            {
                ApplyInferred(row, inferred, teams);
            }
            catch (DomainValidationException ex)
            {
                _problems.Add((row.FullName, $"could not become a service: {ex.Message}"));
            }
        }
    }

    private void ApplyInferred(GitHubRepository row, Service? service, Dictionary<string, Team> teams)
    {
        var name = row.Name.ToLowerInvariant();
        var created = false;
        if (service is null)
        {
            var taken = db.Services.Local.Any(s => s.Namespace == CatalogName.DefaultNamespace && s.Name == name)
                || db.Services.Any(s => s.Namespace == CatalogName.DefaultNamespace && s.Name == name);
            if (taken)
            {
                _problems.Add((row.FullName, $"a service named '{name}' already exists from another source; add a catalog-info.yaml to say which it is"));
                return;
            }

            service = new Service(CatalogName.Require(name, "repository name"));
            db.Services.Add(service);
            created = true;
        }

        if (service.Source != DataSource.GitHub && !created)
        {
            return;
        }

        var changed = false;
        var description = row.Description is { Length: > 10_000 } d ? d[..10_000] : row.Description;
        if (service.Description != description)
        {
            service.Describe(service.Title, description);
            changed = true;
        }

        var tags = row.Topics.Where(CatalogName.IsValid).Take(Service.MaxTags).ToList();
        if (!service.Tags.SequenceEqual(tags.Order(StringComparer.Ordinal)))
        {
            service.SetTags(tags);
            changed = true;
        }

        var lifecycle = row.IsArchived ? Lifecycle.Deprecated : created ? Lifecycle.Experimental : service.Lifecycle == Lifecycle.Deprecated ? Lifecycle.Experimental : service.Lifecycle;
        if (service.Lifecycle != lifecycle)
        {
            service.SetLifecycle(lifecycle);
            changed = true;
        }

        if (service.RepositoryUrl != row.HtmlUrl.TrimEnd('/'))
        {
            service.SetRepository(row.HtmlUrl);
            changed = true;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["github.com/project-slug"] = row.FullName };
        if (row.Language is { Length: > 0 } language)
        {
            annotations["github.com/language"] = language;
        }

        if (!Dictionaries.SameEntries(service.Annotations, annotations))
        {
            service.SetAnnotations(annotations);
            changed = true;
        }

        var owner = row.CodeOwnersTeam is { } slug ? teams.GetValueOrDefault(slug) : null;
        if (service.OwnerTeamId != owner?.Id)
        {
            service.AssignOwner(owner);
            changed = true;
        }

        var location = RepositoryLocation(org, row.Name);
        if (service.Source != DataSource.GitHub || service.SourceLocation != location || service.IsOrphaned)
        {
            service.RecordSource(DataSource.GitHub, location);
            changed = true;
        }

        row.LinkService(service.Id);
        Tally("service", created, changed);
    }

    private void Tally(string kind, bool created, bool changed) =>
        Count(kind, created ? new SyncCounts(Created: 1) : changed ? new SyncCounts(Updated: 1) : new SyncCounts(Unchanged: 1));

    private void Count(string kind, SyncCounts counts) =>
        _counts[kind] = _counts.TryGetValue(kind, out var existing) ? existing.Add(counts) : counts;
}
