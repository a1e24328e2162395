namespace Portal.Ingest.GitHub;

/// <summary>One run's GitHub sessions (one per organisation), its meter, heartbeat and token.</summary>
internal sealed class ActiveRun(GitHubConnector connector, RequestMeter meter, Guid runId, SyncHeartbeat heartbeat, CancellationToken token) : IDisposable
{
    private readonly Dictionary<string, GitHubSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    public RequestMeter Meter { get; } = meter;

    public Guid RunId { get; } = runId;

    public SyncHeartbeat Heartbeat { get; } = heartbeat;

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
