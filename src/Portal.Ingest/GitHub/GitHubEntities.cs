using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Sync;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;

namespace Portal.Ingest.GitHub;

/// <summary>
/// What GitHub says, as parsed entities for the one <see cref="CatalogReconciler"/>: a repository's catalog
/// files (CODEOWNERS team as owner where a file names none, deprecated when the repository is archived, the
/// repository as the component's repository), a service for each repository without one, and teams with their
/// members. Nothing here writes: the rules (source rules, no takeover, audit) are the reconciler's.
/// </summary>
internal static class GitHubEntities
{
    /// <summary>
    /// The catalog files of <paramref name="repositories"/> (paths <c>{repository}/{file}</c>), each repository
    /// read on its own (so one repository's file never shadows another's: who may define what is the
    /// reconciler's decision) with its CODEOWNERS team as the owner of entities that name none, then adjusted.
    /// </summary>
    public static CatalogReadResult CatalogFiles(IReadOnlyList<GitHubRepository> repositories)
    {
        var entities = new List<BackstageEntity>();
        var rejected = new List<RejectedEntity>();
        var problems = new List<ImportProblem>();
        var filesRead = new List<string>();
        var broken = new List<string>();
        foreach (var repository in repositories.Where(r => r.CatalogFiles.Count > 0).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var owner = repository.CodeOwnersTeam is { } team && CatalogName.IsValid(team)
                ? new EntityKey(BackstageKinds.Group, CatalogName.DefaultNamespace, team)
                : null;
            var read = BackstageCatalogReader.Read(
                [.. repository.CatalogFiles.Select(f => new CatalogFile($"{repository.Name}/{f.Key}", f.Value))],
                options: new CatalogReadOptions { DefaultOwner = _ => owner });
            entities.AddRange(read.Entities.Select(e => Adjust(e, repository)));
            rejected.AddRange(read.Rejected);
            problems.AddRange(read.Problems);
            filesRead.AddRange(read.FilesRead);
            broken.AddRange(read.BrokenFiles);
        }

        return new CatalogReadResult(entities, rejected, problems, filesRead, broken);
    }

    /// <summary>
    /// An archived repository's components and APIs are deprecated whatever its file says; a component that names
    /// no repository gets the one its file is in.
    /// </summary>
    private static BackstageEntity Adjust(BackstageEntity entity, GitHubRepository repository) => entity switch
    {
        BackstageComponent c => c with
        {
            Lifecycle = repository.IsArchived ? Lifecycle.Deprecated : c.Lifecycle,
            RepositoryUrl = c.RepositoryUrl ?? Repository(repository.HtmlUrl),
        },
        BackstageApi a when repository.IsArchived => a with { Lifecycle = Lifecycle.Deprecated },
        _ => entity,
    };

    /// <summary>
    /// A service named after each repository that has no catalog file: description, topics as tags, language,
    /// repository, CODEOWNERS team as owner, <c>experimental</c> (<c>deprecated</c> when archived). Repositories
    /// never read without an error are left out: their catalog file may simply not have been seen yet. A renamed
    /// repository keeps the service made for it (<paramref name="keyOf"/>: the service already made for it, if any).
    /// </summary>
    public static (IReadOnlyList<BackstageComponent> Services, IReadOnlyList<ImportProblem> Problems) Inferred(
        IEnumerable<GitHubRepository> repositories, Func<GitHubRepository, EntityKey?>? keyOf = null)
    {
        var services = new List<BackstageComponent>();
        var problems = new List<ImportProblem>();
        foreach (var row in repositories.Where(r => r.CatalogFiles.Count == 0 && !(r.ServiceId is null && r.LastError is not null)))
        {
            var key = keyOf?.Invoke(row);
            var name = key?.Name ?? row.Name.ToLowerInvariant();
            if (CatalogName.Validate(name) is { } problem)
            {
                problems.Add(new ImportProblem(row.Name, 0, null, $"could not become a service: the repository name {problem}", ProblemSeverity.Error));
                continue;
            }

            var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [PortalAnnotations.GitHubProjectSlug] = row.FullName };
            if (row.Language is { Length: > 0 } language)
            {
                annotations["github.com/language"] = language;
            }

            services.Add(new BackstageComponent
            {
                Key = key ?? new EntityKey(BackstageKinds.Component, CatalogName.DefaultNamespace, name),
                File = row.Name,
                Document = 0,
                Description = Description(row.Description),
                Annotations = annotations,
                Owner = row.CodeOwnersTeam is { } team && CatalogName.IsValid(team) ? new EntityKey(BackstageKinds.Group, CatalogName.DefaultNamespace, team) : null,
                Type = "service",
                Lifecycle = row.IsArchived ? Lifecycle.Deprecated : Lifecycle.Experimental,
                Tags = [.. row.Topics.Select(t => t.ToLowerInvariant()).Where(CatalogName.IsValid).Distinct().Take(Service.MaxTags).Order(StringComparer.Ordinal)],
                RepositoryUrl = Repository(row.HtmlUrl),
            });
        }

        return (services, problems);
    }

    /// <summary>
    /// Teams as groups (title and description from GitHub, parent, members with maintainers as leads), and a user
    /// for each member login no person in the catalog has yet (<paramref name="people"/>: login → the person it is).
    /// Problems are labelled <c>team {slug}</c>, as the sync page shows them.
    /// </summary>
    public static CatalogReadResult Teams(IReadOnlyList<TeamInfo> teams, IReadOnlyDictionary<string, EntityKey> people)
    {
        var entities = new List<BackstageEntity>();
        var problems = new List<ImportProblem>();
        var users = new Dictionary<EntityKey, BackstageUser>();
        var slugs = teams.Select(t => t.Slug.ToLowerInvariant()).Where(CatalogName.IsValid).ToHashSet(StringComparer.Ordinal);
        foreach (var info in teams)
        {
            var label = $"team {info.Slug}";
            var slug = info.Slug.ToLowerInvariant();
            if (!CatalogName.IsValid(slug))
            {
                problems.Add(new ImportProblem(label, 0, null, $"the team slug '{info.Slug}' is not a valid catalog name", ProblemSeverity.Error));
                continue;
            }

            var roles = new Dictionary<EntityKey, MembershipRole>();
            foreach (var (login, maintainer) in info.Members)
            {
                if (MemberKey(login, people) is not { } key)
                {
                    problems.Add(new ImportProblem(label, 0, null, $"member login '{login}' is not a valid catalog name", ProblemSeverity.Error));
                    continue;
                }

                roles[key] = maintainer ? MembershipRole.Lead : MembershipRole.Member;
                if (!people.ContainsKey(login.ToLowerInvariant()) && !users.ContainsKey(key))
                {
                    users[key] = new BackstageUser
                    {
                        Key = key,
                        File = $"member {login}",
                        Document = 0,
                        Title = login,
                        Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ReconcileRun.GitHubLoginAnnotation] = login },
                    };
                }
            }

            var parent = info.ParentSlug?.ToLowerInvariant();
            entities.Add(new BackstageGroup
            {
                Key = new EntityKey(BackstageKinds.Group, CatalogName.DefaultNamespace, slug),
                File = label,
                Document = 0,
                Title = string.IsNullOrWhiteSpace(info.Name) ? null : info.Name.Trim(),
                Description = string.IsNullOrWhiteSpace(info.Description) ? null : info.Description.Trim(),
                Type = "team",
                Parent = parent is not null && slugs.Contains(parent) ? new EntityKey(BackstageKinds.Group, CatalogName.DefaultNamespace, parent) : null,
                Members = [.. roles.Keys],
                MemberRoles = roles,
            });
        }

        return new CatalogReadResult([.. entities, .. users.Values], [], problems, [], []);
    }

    /// <summary>The person a login is: the one the catalog already has, or a new one named after the login.</summary>
    private static EntityKey? MemberKey(string login, IReadOnlyDictionary<string, EntityKey> people)
    {
        var name = login.ToLowerInvariant();
        return people.TryGetValue(name, out var known) ? known
            : CatalogName.IsValid(name) ? new EntityKey(BackstageKinds.User, CatalogName.DefaultNamespace, name)
            : null;
    }

    /// <summary>The repository a file path (<c>{repository}/{file}</c>) or an inferred service's file (<c>{repository}</c>) is in.</summary>
    public static string RepositoryOf(string file)
    {
        var slash = file.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? file : file[..slash];
    }

    /// <summary>The URL as <see cref="Service.SetRepository"/> stores it, so comparing finds no change.</summary>
    private static string Repository(string htmlUrl) => new Uri(htmlUrl.Trim()).ToString().TrimEnd('/');

    private static string? Description(string? text)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return trimmed is null ? null : TextCut.Prefix(trimmed, 10_000).TrimEnd();
    }
}
