namespace Portal.Testing.FakeGitHub;

/// <summary>
/// Everything the fake GitHub knows: organisations with their repositories and teams, users, valid tokens,
/// the rate limit and an optional GitHub App. Tests change it between syncs; every change shows up in the
/// next answer (and so in its ETag), unchanged data gives byte-identical answers.
/// </summary>
/// <remarks>
/// One lock guards the whole state: the server renders an answer under it, and every setter and method of
/// the Fake* types takes it. The <see cref="List{T}"/> properties (topics, releases, deployments, issues,
/// labels) are plain lists: change them between requests, or inside <see cref="Update"/> while a sync runs.
/// </remarks>
public sealed class FakeGitHubState
{
    private readonly Dictionary<string, FakeOrg> _orgs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private FakeApp? _app;
    private long _nextOrgId = 9_000_001;
    private long _nextRepoId = 700_000_001;
    private long _nextTeamId = 3_000_001;
    private long _nextUserId = 1_000_001;
    private long _nextItemId = 40_000_001;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Creates an empty state; <c>fake-token</c> is not valid until a test adds it.</summary>
    public FakeGitHubState()
    {
        ValidTokens = new LockedStringSet(Gate);
        RateLimit = new FakeRateLimit(this);
    }

    /// <summary>Tokens accepted as <c>Authorization: token X</c> or <c>Bearer X</c>; anything else answers 401.</summary>
    public ISet<string> ValidTokens { get; }

    /// <summary>The REST (<c>core</c>) rate limit every counted answer draws from.</summary>
    public FakeRateLimit RateLimit { get; }

    /// <summary>GitHub App support: when set, app JWTs are accepted and installation tokens issued.</summary>
    public FakeApp? App
    {
        get { lock (Gate) { return _app; } }
        set { lock (Gate) { _app = value; } }
    }

    /// <summary>
    /// The clock for rate-limit resets, token expiry and the timestamps of changes (default: the system clock).
    /// </summary>
    public TimeProvider Clock
    {
        get { lock (Gate) { return _clock; } }
        set { lock (Gate) { _clock = value ?? throw new ArgumentNullException(nameof(value)); } }
    }

    /// <summary>
    /// Whether <c>GET /orgs/{org}/teams/{slug}/members</c> also lists members of child teams, as GitHub does
    /// ("Team members will include the members of child teams"). Default <c>true</c>.
    /// </summary>
    public bool TeamMembersIncludeChildTeams
    {
        get { lock (Gate) { return _teamMembersIncludeChildTeams; } }
        set { lock (Gate) { _teamMembersIncludeChildTeams = value; } }
    }

    private bool _teamMembersIncludeChildTeams = true;

    /// <summary>
    /// Results <c>GET /search/issues</c> answers for one query (GitHub: 1,000); <c>total_count</c> still counts them all,
    /// and a page past the cap is refused with 422, as GitHub refuses it. Tests lower it to search past the cap cheaply.
    /// </summary>
    public int SearchResultCap
    {
        get { lock (Gate) { return _searchResultCap; } }
        set { lock (Gate) { _searchResultCap = value; } }
    }

    private int _searchResultCap = 1000;

    /// <summary>All organisations, in the order they were added.</summary>
    public IReadOnlyList<FakeOrg> Orgs
    {
        get { lock (Gate) { return [.. _orgs.Values]; } }
    }

    internal object Gate { get; } = new();

    /// <summary>Adds an organisation; its login must be new.</summary>
    public FakeOrg AddOrg(string login)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        lock (Gate)
        {
            if (_orgs.ContainsKey(login))
            {
                throw new InvalidOperationException($"Organisation '{login}' already exists.");
            }

            var org = new FakeOrg(this, login, _nextOrgId++);
            _orgs.Add(login, org);
            return org;
        }
    }

    /// <summary>The organisation with this login (case-insensitive, like GitHub); throws if there is none.</summary>
    public FakeOrg Org(string login)
    {
        lock (Gate)
        {
            return _orgs.TryGetValue(login, out var org)
                ? org
                : throw new KeyNotFoundException($"No organisation '{login}' in the fake GitHub.");
        }
    }

    /// <summary>Adds a user (or returns the existing one, setting its name when given).</summary>
    public FakeUser AddUser(string login, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        lock (Gate)
        {
            var user = UserCore(login);
            if (name is not null)
            {
                user.Name = name;
            }

            return user;
        }
    }

    /// <summary>The user with this login, or <c>null</c>.</summary>
    public FakeUser? User(string login)
    {
        lock (Gate)
        {
            return _users.GetValueOrDefault(login);
        }
    }

    /// <summary>Runs <paramref name="change"/> under the state's lock, so no answer sees half of it.</summary>
    public void Update(Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            change();
        }
    }

    /// <summary>
    /// A realistic organisation for benchmarks and journeys, the same for the same arguments on the same day
    /// (dates are spread over the 180 days before today, UTC): see <see cref="FakeDataGenerator"/>.
    /// <c>fake-token</c> is a valid token.
    /// </summary>
    public static FakeGitHubState Generate(string org, int repositories, int seed) =>
        FakeDataGenerator.Generate(org, repositories, seed, new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero));

    /// <summary>Like <see cref="Generate(string, int, int)"/> with dates relative to <paramref name="now"/>.</summary>
    public static FakeGitHubState Generate(string org, int repositories, int seed, DateTimeOffset now) =>
        FakeDataGenerator.Generate(org, repositories, seed, now);

    internal DateTimeOffset Now() => Truncate(Clock.GetUtcNow());

    internal static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    internal long NextRepoId() => _nextRepoId++;

    internal long NextTeamId() => _nextTeamId++;

    internal long NextItemId() => _nextItemId++;

    /// <summary>Gets or creates a user; call under <see cref="Gate"/>.</summary>
    internal FakeUser UserCore(string login)
    {
        if (!_users.TryGetValue(login, out var user))
        {
            user = new FakeUser(this, login, _nextUserId++);
            _users.Add(login, user);
        }

        return user;
    }

    /// <summary>The organisation, or <c>null</c>; call under <see cref="Gate"/>.</summary>
    internal FakeOrg? FindOrg(string login) => _orgs.GetValueOrDefault(login);

    /// <summary>The organisation by id, or <c>null</c>; call under <see cref="Gate"/>.</summary>
    internal FakeOrg? FindOrg(long id) => _orgs.Values.FirstOrDefault(o => o.Id == id);

    /// <summary>A repository of any organisation by id, or <c>null</c>; call under <see cref="Gate"/>.</summary>
    internal FakeRepo? FindRepo(long id)
    {
        foreach (var org in _orgs.Values)
        {
            if (org.FindRepo(id) is { } repo)
            {
                return repo;
            }
        }

        return null;
    }

    /// <summary>A repository of any organisation by GraphQL node id, or <c>null</c>; call under <see cref="Gate"/>.</summary>
    internal FakeRepo? FindRepoByNodeId(string nodeId)
    {
        foreach (var org in _orgs.Values)
        {
            if (org.FindRepoByNodeId(nodeId) is { } repo)
            {
                return repo;
            }
        }

        return null;
    }

    /// <summary>A team of any organisation by id, or <c>null</c>; call under <see cref="Gate"/>.</summary>
    internal FakeTeam? FindTeam(long id)
    {
        foreach (var org in _orgs.Values)
        {
            if (org.FindTeam(id) is { } team)
            {
                return team;
            }
        }

        return null;
    }

    /// <summary>Legacy (v1) GraphQL/REST node id, as GitHub still returns for older objects: base64("010:Repository42").</summary>
    internal static string NodeId(string type, long id) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"0{type.Length}:{type}{id}"));
}
