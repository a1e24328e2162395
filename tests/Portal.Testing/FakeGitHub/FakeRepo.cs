using System.Security.Cryptography;
using System.Text;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// A repository: metadata, the files of its default branch (one commit deep: no history), releases,
/// deployments and issues. Renaming keeps the id; the old name answers 301 to <c>/repositories/{id}</c>
/// like GitHub.
/// </summary>
public sealed class FakeRepo
{
    private readonly FakeGitHubState _state;
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);
    private string _name;
    private string? _description;
    private string? _language;
    private string? _homepage;
    private string _defaultBranch = "main";
    private string _visibility = "private";
    private bool _archived;
    private bool _fork;
    private bool _defaultBranchProtected;
    private bool _protectionReadable = true;
    private DateTimeOffset _createdAt;
    private DateTimeOffset _pushedAt;
    private bool _initialising = true;
    private long _revision;
    private GitSnapshot? _snapshot;

    internal FakeRepo(FakeGitHubState state, FakeOrg org, string name, long id)
    {
        _state = state;
        Org = org;
        _name = name;
        Id = id;
        NodeId = FakeGitHubState.NodeId("Repository", id);
        _createdAt = state.Now();
        _pushedAt = _createdAt;
    }

    /// <summary>The owning organisation.</summary>
    public FakeOrg Org { get; }

    public long Id { get; }

    /// <summary>GraphQL node id (legacy format, e.g. <c>MDEwOlJlcG9zaXRvcnkx</c>).</summary>
    public string NodeId { get; }

    /// <summary>The name; setting it renames the repository (the id stays, the old name answers 301).</summary>
    public string Name
    {
        get { lock (_state.Gate) { return _name; } }
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            lock (_state.Gate)
            {
                if (!_initialising)
                {
                    Org.OnRenamed(this, _name, value);
                }

                _name = value;
            }
        }
    }

    public string FullName
    {
        get { lock (_state.Gate) { return $"{Org.Login}/{_name}"; } }
    }

    public string? Description
    {
        get { lock (_state.Gate) { return _description; } }
        set { lock (_state.Gate) { _description = value; } }
    }

    /// <summary>Topics (lower-case on GitHub); a plain list, see <see cref="FakeGitHubState"/> on changing lists.</summary>
    public List<string> Topics { get; } = [];

    /// <summary>Primary language as GitHub detects it, e.g. <c>C#</c>; <c>null</c> for none.</summary>
    public string? Language
    {
        get { lock (_state.Gate) { return _language; } }
        set { lock (_state.Gate) { _language = value; } }
    }

    public string? Homepage
    {
        get { lock (_state.Gate) { return _homepage; } }
        set { lock (_state.Gate) { _homepage = value; } }
    }

    /// <summary>The default branch name ("main"): the only branch the fake has.</summary>
    public string DefaultBranch
    {
        get { lock (_state.Gate) { return _defaultBranch; } }
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            lock (_state.Gate) { _defaultBranch = value; }
        }
    }

    /// <summary><c>public</c>, <c>private</c> (default) or <c>internal</c>; <c>private</c> in answers is derived from it.</summary>
    public string Visibility
    {
        get { lock (_state.Gate) { return _visibility; } }
        set
        {
            if (value is not ("public" or "private" or "internal"))
            {
                throw new ArgumentException("Visibility is public, private or internal.", nameof(value));
            }

            lock (_state.Gate) { _visibility = value; }
        }
    }

    public bool Archived
    {
        get { lock (_state.Gate) { return _archived; } }
        set { lock (_state.Gate) { _archived = value; } }
    }

    public bool Fork
    {
        get { lock (_state.Gate) { return _fork; } }
        set { lock (_state.Gate) { _fork = value; } }
    }

    public DateTimeOffset CreatedAt
    {
        get { lock (_state.Gate) { return _createdAt; } }
        set { lock (_state.Gate) { _createdAt = FakeGitHubState.Truncate(value); } }
    }

    /// <summary>Last push; <see cref="SetFile"/> and <see cref="DeleteFile"/> move it to now (at least one second on).</summary>
    public DateTimeOffset PushedAt
    {
        get { lock (_state.Gate) { return _pushedAt; } }
        set { lock (_state.Gate) { _pushedAt = FakeGitHubState.Truncate(value); } }
    }

    /// <summary><c>updated_at</c>: GitHub moves it on pushes too, so the later of created and pushed.</summary>
    public DateTimeOffset UpdatedAt
    {
        get { lock (_state.Gate) { return _pushedAt > _createdAt ? _pushedAt : _createdAt; } }
    }

    /// <summary>Whether the default branch has protection (<c>protected</c> on the branch, 200 from its protection).</summary>
    public bool DefaultBranchProtected
    {
        get { lock (_state.Gate) { return _defaultBranchProtected; } }
        set { lock (_state.Gate) { _defaultBranchProtected = value; } }
    }

    /// <summary>
    /// Whether the token may read branch protection (default true); false answers 403 "Resource not accessible
    /// by integration" like a token without admin rights, and <c>permissions.admin</c> is false.
    /// </summary>
    public bool ProtectionReadable
    {
        get { lock (_state.Gate) { return _protectionReadable; } }
        set { lock (_state.Gate) { _protectionReadable = value; } }
    }

    /// <summary>Files of the default branch by path (no leading slash), as text; a snapshot copy.</summary>
    public IReadOnlyDictionary<string, string> Files
    {
        get { lock (_state.Gate) { return new Dictionary<string, string>(_files, StringComparer.Ordinal); } }
    }

    /// <summary>The sha of the default branch's head commit; changes with every change of a file.</summary>
    public string HeadSha
    {
        get { lock (_state.Gate) { return Snapshot().HeadSha; } }
    }

    /// <summary>Releases; the list endpoint answers them newest first (by <see cref="FakeRelease.CreatedAt"/>).</summary>
    public List<FakeRelease> Releases { get; } = [];

    /// <summary>Deployments; the list endpoint answers them newest first.</summary>
    public List<FakeDeployment> Deployments { get; } = [];

    /// <summary>Issues; the list endpoint filters by state and labels and answers newest first.</summary>
    public List<FakeIssue> Issues { get; } = [];

    /// <summary>Issues transferred away, by their old number: GitHub answers the old address with 301 to the new issue.</summary>
    public Dictionary<int, (FakeRepo To, FakeIssue Issue)> TransferredIssues { get; } = [];

    /// <summary>
    /// Transfers <paramref name="issue"/> to <paramref name="to"/> as GitHub does: a new issue there (new id and number,
    /// same title, body, labels, state and author), and the old address redirects to it. Returns the new issue.
    /// </summary>
    public FakeIssue TransferIssue(FakeIssue issue, FakeRepo to)
    {
        var moved = new FakeIssue(issue.Title)
        {
            Body = issue.Body,
            State = issue.State,
            ClosedAt = issue.ClosedAt,
            StateReason = issue.StateReason,
            User = issue.User,
            AuthorAssociation = issue.AuthorAssociation,
            CreatedAt = issue.CreatedAt,
            UpdatedAt = issue.UpdatedAt.AddMinutes(1),
        };
        moved.Labels.AddRange(issue.Labels);
        lock (_state.Gate)
        {
            Issues.Remove(issue);
            to.Issues.Add(moved);
            TransferredIssues[issue.Number] = (to, moved);
        }

        return moved;
    }

    /// <summary>Adds or replaces a file on the default branch: a push (moves <see cref="PushedAt"/> and the head sha).</summary>
    public void SetFile(string path, string content)
    {
        path = NormalisePath(path);
        ArgumentNullException.ThrowIfNull(content);
        lock (_state.Gate)
        {
            if (_files.TryGetValue(path, out var existing) && existing == content)
            {
                return;
            }

            if (_files.Keys.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(p + "/", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"'{path}' would be both a file and a directory in {FullName}.");
            }

            _files[path] = content;
            Pushed();
        }
    }

    /// <summary>Deletes a file from the default branch (a push); nothing happens if it is not there.</summary>
    public void DeleteFile(string path)
    {
        path = NormalisePath(path);
        lock (_state.Gate)
        {
            if (_files.Remove(path))
            {
                Pushed();
            }
        }
    }

    internal string NameCore => _name;

    internal string OrgLogin => Org.Login;

    /// <summary>Git objects of the current files, computed once per change. Call under the lock.</summary>
    internal GitSnapshot Snapshot() => _snapshot ??= GitSnapshot.Build(_files, HeadFor(_revision));

    internal void EndInitialisation() => _initialising = false;

    private string HeadFor(long revision)
    {
        var seed = Encoding.UTF8.GetBytes($"fake-commit {Id} {revision}");
        return Convert.ToHexStringLower(SHA1.HashData(seed));
    }

    private void Pushed()
    {
        _revision++;
        _snapshot = null;
        if (!_initialising)
        {
            var now = _state.Now();
            _pushedAt = now > _pushedAt ? now : _pushedAt.AddSeconds(1);
        }
    }

    private static string NormalisePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = path.Replace('\\', '/').Trim('/');
        if (path.Length == 0 || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a file path.", nameof(path));
        }

        return path;
    }
}
