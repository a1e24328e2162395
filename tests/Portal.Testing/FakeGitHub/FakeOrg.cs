namespace Portal.Testing.FakeGitHub;

/// <summary>A GitHub organisation: its repositories, teams and members.</summary>
public sealed class FakeOrg
{
    private readonly FakeGitHubState _state;
    private readonly List<FakeRepo> _repos = [];
    private readonly List<FakeTeam> _teams = [];
    private readonly List<string> _members = [];
    private readonly Dictionary<string, long> _renamed = new(StringComparer.OrdinalIgnoreCase);
    private string? _name;
    private string? _description;

    internal FakeOrg(FakeGitHubState state, string login, long id)
    {
        _state = state;
        Login = login;
        Id = id;
        NodeId = FakeGitHubState.NodeId("Organization", id);
    }

    public string Login { get; }

    public long Id { get; }

    public string NodeId { get; }

    /// <summary>Display name (<c>name</c>); <c>null</c> by default.</summary>
    public string? Name
    {
        get { lock (_state.Gate) { return _name; } }
        set { lock (_state.Gate) { _name = value; } }
    }

    public string? Description
    {
        get { lock (_state.Gate) { return _description; } }
        set { lock (_state.Gate) { _description = value; } }
    }

    /// <summary>Repositories in the order they were added (<c>GET /orgs/{org}/repos</c> sorts like GitHub: newest created first).</summary>
    public IReadOnlyList<FakeRepo> Repos
    {
        get { lock (_state.Gate) { return [.. _repos]; } }
    }

    /// <summary>Teams in the order they were added (the order of <c>GET /orgs/{org}/teams</c>).</summary>
    public IReadOnlyList<FakeTeam> Teams
    {
        get { lock (_state.Gate) { return [.. _teams]; } }
    }

    /// <summary>
    /// Members added directly with <see cref="AddMember"/>; <c>GET /orgs/{org}/members</c> also lists everyone in a team.
    /// </summary>
    public IReadOnlyList<string> DirectMembers
    {
        get { lock (_state.Gate) { return [.. _members]; } }
    }

    /// <summary>
    /// Adds a repository (name must be new in the organisation); <paramref name="configure"/> runs under the state's
    /// lock before anyone can see it, and files it sets do not move <see cref="FakeRepo.PushedAt"/>.
    /// </summary>
    public FakeRepo AddRepo(string name, Action<FakeRepo>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_state.Gate)
        {
            if (FindRepo(name) is not null)
            {
                throw new InvalidOperationException($"Repository '{Login}/{name}' already exists.");
            }

            var repo = new FakeRepo(_state, this, name, _state.NextRepoId());
            configure?.Invoke(repo);
            repo.EndInitialisation();
            _repos.Add(repo);
            _renamed.Remove(name);
            return repo;
        }
    }

    /// <summary>The repository with this name (case-insensitive); throws if there is none.</summary>
    public FakeRepo Repo(string name)
    {
        lock (_state.Gate)
        {
            return FindRepo(name) ?? throw new KeyNotFoundException($"No repository '{Login}/{name}' in the fake GitHub.");
        }
    }

    /// <summary>Deletes a repository: its URLs, old names and id answer 404 from now on.</summary>
    public void RemoveRepo(string name)
    {
        lock (_state.Gate)
        {
            var repo = FindRepo(name) ?? throw new KeyNotFoundException($"No repository '{Login}/{name}' in the fake GitHub.");
            _repos.Remove(repo);
            foreach (var old in _renamed.Where(r => r.Value == repo.Id).Select(r => r.Key).ToList())
            {
                _renamed.Remove(old);
            }
        }
    }

    /// <summary>
    /// Adds a team. A <paramref name="parentSlug"/> must name an existing team of this organisation;
    /// <paramref name="name"/> defaults to the slug.
    /// </summary>
    public FakeTeam AddTeam(string slug, string? parentSlug = null, string? name = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        lock (_state.Gate)
        {
            if (FindTeam(slug) is not null)
            {
                throw new InvalidOperationException($"Team '{Login}/{slug}' already exists.");
            }

            if (parentSlug is not null && FindTeam(parentSlug) is null)
            {
                throw new KeyNotFoundException($"Parent team '{Login}/{parentSlug}' does not exist.");
            }

            var team = new FakeTeam(_state, this, slug, _state.NextTeamId(), name ?? slug, description, parentSlug);
            _teams.Add(team);
            return team;
        }
    }

    /// <summary>The team with this slug; throws if there is none.</summary>
    public FakeTeam Team(string slug)
    {
        lock (_state.Gate)
        {
            return FindTeam(slug) ?? throw new KeyNotFoundException($"No team '{Login}/{slug}' in the fake GitHub.");
        }
    }

    /// <summary>Deletes a team and, as on GitHub, all of its child teams.</summary>
    public void RemoveTeam(string slug)
    {
        lock (_state.Gate)
        {
            var team = FindTeam(slug) ?? throw new KeyNotFoundException($"No team '{Login}/{slug}' in the fake GitHub.");
            foreach (var child in _teams.Where(t => string.Equals(t.ParentSlugCore, team.Slug, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                RemoveTeam(child.Slug);
            }

            _teams.Remove(team);
        }
    }

    /// <summary>Makes a user a member of the organisation without a team.</summary>
    public void AddMember(string login)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        lock (_state.Gate)
        {
            _state.UserCore(login);
            if (!_members.Contains(login, StringComparer.OrdinalIgnoreCase))
            {
                _members.Add(login);
            }
        }
    }

    /// <summary>Removes a direct member (team memberships are unchanged).</summary>
    public void RemoveMember(string login)
    {
        lock (_state.Gate)
        {
            _members.RemoveAll(m => string.Equals(m, login, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal IReadOnlyList<FakeRepo> ReposCore => _repos;

    internal IReadOnlyList<FakeTeam> TeamsCore => _teams;

    /// <summary>Everyone in the organisation: direct members and team members, ordered by user id.</summary>
    internal IReadOnlyList<FakeUser> MembersCore() =>
        _members.Concat(_teams.SelectMany(t => t.MembersCore.Keys))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(_state.UserCore)
            .OrderBy(u => u.Id)
            .ToList();

    internal FakeRepo? FindRepo(string name) =>
        _repos.FirstOrDefault(r => string.Equals(r.NameCore, name, StringComparison.OrdinalIgnoreCase));

    internal FakeRepo? FindRepo(long id) => _repos.FirstOrDefault(r => r.Id == id);

    internal FakeRepo? FindRepoByNodeId(string nodeId) => _repos.FirstOrDefault(r => r.NodeId == nodeId);

    /// <summary>The id a former name of a repository now points at, for GitHub's 301 after a rename.</summary>
    internal long? RenamedFrom(string oldName) => _renamed.TryGetValue(oldName, out var id) ? id : null;

    internal FakeTeam? FindTeam(string slug) =>
        _teams.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.OrdinalIgnoreCase));

    internal FakeTeam? FindTeam(long id) => _teams.FirstOrDefault(t => t.Id == id);

    /// <summary>Called by <see cref="FakeRepo.Name"/>: the old name redirects to the repository from now on.</summary>
    internal void OnRenamed(FakeRepo repo, string oldName, string newName)
    {
        if (_repos.Any(r => r != repo && string.Equals(r.NameCore, newName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"Repository '{Login}/{newName}' already exists.");
        }

        if (!string.Equals(oldName, newName, StringComparison.OrdinalIgnoreCase))
        {
            _renamed[oldName] = repo.Id;
        }

        _renamed.Remove(newName);
    }
}
