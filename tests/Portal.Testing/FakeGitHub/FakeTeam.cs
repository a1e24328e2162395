namespace Portal.Testing.FakeGitHub;

/// <summary>A team of an organisation, optionally nested under a parent team, with members and maintainers.</summary>
public sealed class FakeTeam
{
    private readonly FakeGitHubState _state;
    private readonly Dictionary<string, string> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _memberOrder = [];
    private string _name;
    private string? _description;
    private string? _parentSlug;

    internal FakeTeam(FakeGitHubState state, FakeOrg org, string slug, long id, string name, string? description, string? parentSlug)
    {
        _state = state;
        Org = org;
        Slug = slug;
        Id = id;
        NodeId = FakeGitHubState.NodeId("Team", id);
        _name = name;
        _description = description;
        _parentSlug = parentSlug;
        CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(id % 10_000);
    }

    public FakeOrg Org { get; }

    public long Id { get; }

    public string NodeId { get; }

    public string Slug { get; }

    public DateTimeOffset CreatedAt { get; }

    public string Name
    {
        get { lock (_state.Gate) { return _name; } }
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            lock (_state.Gate) { _name = value; }
        }
    }

    public string? Description
    {
        get { lock (_state.Gate) { return _description; } }
        set { lock (_state.Gate) { _description = value; } }
    }

    /// <summary>The parent team's slug, or <c>null</c>; setting it moves the team (the parent must exist).</summary>
    public string? ParentSlug
    {
        get { lock (_state.Gate) { return _parentSlug; } }
        set
        {
            lock (_state.Gate)
            {
                if (value is not null && (Org.FindTeam(value) is null || string.Equals(value, Slug, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"'{value}' is not another team of {Org.Login}.", nameof(value));
                }

                _parentSlug = value;
            }
        }
    }

    /// <summary>Members by login with their role, <c>member</c> or <c>maintainer</c>; a snapshot copy.</summary>
    public IReadOnlyDictionary<string, string> Members
    {
        get { lock (_state.Gate) { return new Dictionary<string, string>(_members, StringComparer.OrdinalIgnoreCase); } }
    }

    /// <summary>Adds a member (creating the user if needed) or changes the role of an existing one.</summary>
    public void AddMember(string login, string role = "member")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        if (role is not ("member" or "maintainer"))
        {
            throw new ArgumentException("A team role is member or maintainer.", nameof(role));
        }

        lock (_state.Gate)
        {
            var user = _state.UserCore(login);
            if (!_members.ContainsKey(user.Login))
            {
                _memberOrder.Add(user.Login);
            }

            _members[user.Login] = role;
        }
    }

    public void RemoveMember(string login)
    {
        lock (_state.Gate)
        {
            if (_members.Remove(login))
            {
                _memberOrder.RemoveAll(m => string.Equals(m, login, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    internal IReadOnlyDictionary<string, string> MembersCore => _members;

    internal string? ParentSlugCore => _parentSlug;

    internal string NameCore => _name;

    internal string? DescriptionCore => _description;

    /// <summary>Members in the order they were added, with their role. Call under the lock.</summary>
    internal IEnumerable<(string Login, string Role)> OrderedMembersCore() => _memberOrder.Select(m => (m, _members[m]));
}
