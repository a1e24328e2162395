namespace Portal.Testing.FakeGitHub;

/// <summary>A GitHub user, created when a test adds it or when a team member or issue author names it.</summary>
public sealed class FakeUser
{
    private readonly FakeGitHubState _state;
    private string? _name;
    private string? _email;

    internal FakeUser(FakeGitHubState state, string login, long id)
    {
        _state = state;
        Login = login;
        Id = id;
        NodeId = FakeGitHubState.NodeId("User", id);
        CreatedAt = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(id % 1500);
    }

    public string Login { get; }

    public long Id { get; }

    public string NodeId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Display name (<c>name</c> in <c>GET /users/{login}</c>); <c>null</c> like a user who set none.</summary>
    public string? Name
    {
        get { lock (_state.Gate) { return _name; } }
        set { lock (_state.Gate) { _name = value; } }
    }

    /// <summary>Public e-mail; <c>null</c> (the default) like most users.</summary>
    public string? Email
    {
        get { lock (_state.Gate) { return _email; } }
        set { lock (_state.Gate) { _email = value; } }
    }
}
